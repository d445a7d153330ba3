"""gunicorn's threaded worker (gthread), with two changes to how its main
loop shares out connections.

- **It takes a new connection only while it has a thread for it.**
  gthread accepts every connection it can (up to `worker_connections`,
  1,000): 12 arriving together at 3 workers of 4 threads went 8, 2 and 2
  (tests/test_production_servers.py), and under `make bench`'s 16
  connections one worker held 16, 11 or 9 of them — queued for its 4
  threads while other workers idled. This worker stops accepting while as
  many requests are in hand (being answered, or waiting for a thread) as it
  has threads, and accepts again as soon as one is answered: a connection
  waits in the listen queue for a worker that can serve it now. Connections
  kept alive between requests, or not sending anything yet, don't count: an
  idle browser, or a client that connects and sends nothing, never keeps a
  worker from accepting (gunicorn closes those after `keepalive` seconds).
- **A connection it closes lingers in a thread of its own, not in the main
  loop.** gunicorn 27 closes a connection "gracefully" (RFC 9112 §9.6): it
  sends its end, then waits up to 2 s for the client to close. It waited in
  the worker's main loop, so a client that read its answer and kept the
  connection open — a phone on a poor network, or anyone on purpose —
  stopped that worker from accepting or answering anyone for 2 s.
"""

from concurrent.futures import ThreadPoolExecutor

from gunicorn.workers.gthread import ThreadWorker

LINGERING_CLOSES = 8  # threads for closes waiting on their client (each ≤ 2 s; more wait their turn)


class BalancedThreadWorker(ThreadWorker):
    def init_process(self):
        self.closing = ThreadPoolExecutor(max_workers=LINGERING_CLOSES, thread_name_prefix="close")
        super().init_process()

    def in_hand(self):
        """Requests being answered or waiting for a thread."""
        return self.nr_conns - len(self.keepalived_conns) - len(self.pending_conns)

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled and self.in_hand() < self.cfg.threads)

    def accept(self, listener):
        if self.in_hand() < self.cfg.threads:  # else left in the listen queue for a worker with a thread
            super().accept(listener)
        if self.in_hand() >= self.cfg.threads:
            super().set_accept_enabled(False)  # the loop enables it again once one is answered

    def enqueue_req(self, conn):
        if "close" not in vars(conn):
            close = conn.close

            def close_aside(graceful=False):
                if graceful:
                    self.closing.submit(close, graceful=True)
                else:
                    close()

            conn.close = close_aside
        super().enqueue_req(conn)
