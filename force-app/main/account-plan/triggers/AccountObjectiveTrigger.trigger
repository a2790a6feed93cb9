trigger AccountObjectiveTrigger on AccountObjective__c(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(
        new PlanChildTriggerHandler(Schema.AccountObjective__c.SObjectType)
    );
}
