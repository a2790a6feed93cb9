trigger KeystoneAccountTrigger on Account(after update, after delete) {
    KeystoneTriggerDispatcher.run(new AccountTriggerHandler());
}
