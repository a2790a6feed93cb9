// Stand-in for lightning/messageService (Lightning Message Service) within one page: publish
// delivers to every subscriber of the channel. `@salesforce/messageChannel/X__c` imports
// resolve to { channel: 'X__c' } (see plugins/salesforceModules.ts).
import type { WireAdapter, WireDataCallback } from 'lwc';

interface MessageChannel {
    channel: string;
}

interface Subscription {
    channel: string;
    listener: (message: unknown) => void;
}

const subscriptions = new Set<Subscription>();

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

export class MessageContext implements WireAdapter {
    constructor(private readonly dataCallback: WireDataCallback) {}
    update(): void {
        this.dataCallback({ preview: true });
    }
    connect(): void {}
    disconnect(): void {}
}

export function publish(_context: unknown, channel: MessageChannel, message?: unknown): void {
    for (const subscription of [...subscriptions]) {
        if (subscription.channel === channel.channel) subscription.listener(message);
    }
}

export function subscribe(
    _context: unknown,
    channel: MessageChannel,
    listener: (message: unknown) => void,
): Subscription {
    const subscription = { channel: channel.channel, listener };
    subscriptions.add(subscription);
    return subscription;
}

export function unsubscribe(subscription: Subscription | null | undefined): void {
    if (subscription) subscriptions.delete(subscription);
}

export function createMessageContext(): object {
    return { preview: true };
}

export function releaseMessageContext(): void {}
