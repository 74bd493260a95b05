// The live speaker queue, enhanced. The page subscribes to the queue's server-sent events and
// replaces its queue section with each new state; shows the raise or the lower button to
// match the reader's own hand; and counts the current turn and the time left once a second.
// Without this script the page refreshes itself (a <noscript> refresh) and works the same.
'use strict';
(() => {
  const section = document.querySelector('[data-queue-events]');
  if (!section || !('EventSource' in window)) return;
  // The page's CSRF token: the events carry forms without one.
  const token = document.querySelector('input[name="csrf"]')?.value ?? '';
  const mine = section.dataset.participant || '';
  // The server's clock minus this one, in milliseconds, from the latest state.
  let offset = 0;

  const clock = (ms) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };

  function tick() {
    const now = Date.now() + offset;
    for (const t of section.querySelectorAll('time[data-since]')) {
      const spoken = now - Number(t.dataset.since);
      t.textContent = clock(spoken);
      t.dateTime = `PT${Math.max(0, Math.floor(spoken / 1000))}S`;
    }
    for (const t of section.querySelectorAll('time[data-until]')) {
      const left = Number(t.dataset.until) - now;
      t.textContent = clock(left);
      t.dateTime = `PT${Math.max(0, Math.floor(left / 1000))}S`;
      t.closest('.timer')?.classList.toggle('over', left < 0);
    }
  }

  function adopt() {
    const root = section.querySelector('.queue');
    if (root) offset = Number(root.dataset.now) - Date.now();
    for (const input of section.querySelectorAll('input[name="csrf"]')) input.value = token;
    if (mine) {
      const up = [...section.querySelectorAll('[data-participant]')].some((e) => e.dataset.participant === mine);
      for (const form of document.querySelectorAll('form[data-hand]')) {
        form.hidden = (form.dataset.hand === 'raise') === up;
      }
    }
    tick();
  }

  const events = new EventSource(section.dataset.queueEvents);
  events.addEventListener('queue', (event) => {
    section.innerHTML = event.data;
    section.dataset.version = section.querySelector('.queue')?.dataset.version ?? '';
    adopt();
  });
  adopt();
  setInterval(tick, 1000);
})();
