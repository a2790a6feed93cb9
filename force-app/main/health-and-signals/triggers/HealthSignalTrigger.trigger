trigger HealthSignalTrigger on HealthSignal__c(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(new HealthSignalTriggerHandler());
}
