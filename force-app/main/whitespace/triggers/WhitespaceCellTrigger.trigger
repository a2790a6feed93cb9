trigger WhitespaceCellTrigger on WhitespaceCell__c(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(new WhitespaceCellTriggerHandler());
}
