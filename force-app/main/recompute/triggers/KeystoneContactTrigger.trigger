trigger KeystoneContactTrigger on Contact(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    KeystoneTriggerDispatcher.run(new ContactTriggerHandler());
}
