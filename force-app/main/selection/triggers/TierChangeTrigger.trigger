trigger TierChangeTrigger on TierChange__c(after insert, after update) {
    KeystoneTriggerDispatcher.run(new TierChangeTriggerHandler());
}
