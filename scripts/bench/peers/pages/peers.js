// What every peer page shares with scripts/bench/uiBench.ts: the data (window.__benchData, set
// before the page runs) and the contract window.peerBench.render(): each call renders into a
// fresh container and resolves { renderMs, count, note } once a frame with the result has been
// painted. The first call on a fresh page is the cold figure, later calls the warm ones, as for
// Keystone's own bench page.
const afterNextPaint = () =>
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

export const data = window.__benchData;

export const money = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
});

/** render(container) draws into the container; inspect(container) says what is in the DOM. */
export function peerBench(render, inspect) {
    const host = document.getElementById('host');
    window.peerBench = {
        async render() {
            host.replaceChildren();
            const container = document.createElement('div');
            container.className = 'peer-container';
            host.append(container);
            await afterNextPaint();
            const started = performance.now();
            await render(container);
            await afterNextPaint();
            return { renderMs: performance.now() - started, ...inspect(container) };
        },
    };
}
