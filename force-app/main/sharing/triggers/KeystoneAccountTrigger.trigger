trigger KeystoneAccountTrigger on Account(after update) {
    KeystoneTriggerDispatcher.run(new AccountTriggerHandler());
}
