trigger AccountActionTrigger on AccountAction__c(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(new PlanChildTriggerHandler(Schema.AccountAction__c.SObjectType));
}
