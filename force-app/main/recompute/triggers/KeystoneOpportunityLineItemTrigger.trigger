trigger KeystoneOpportunityLineItemTrigger on OpportunityLineItem(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(new OpportunityLineItemTriggerHandler());
}
