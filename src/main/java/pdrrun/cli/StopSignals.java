package pdrrun.cli;

import java.io.PrintWriter;
import pdrrun.queue.Worker;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT stop a worker gracefully: no new claims, running models get the grace period
 * and are then killed, their jobs released. A second signal stops at once. Closing restores the
 * previous handlers.
 */
final class StopSignals implements AutoCloseable {
    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;
    private int received;

    private StopSignals(Worker worker, PrintWriter err) {
        SignalHandler handler = signal -> {
            boolean now;
            synchronized (this) {
                now = ++received > 1;
            }
            err.println("pdr-run: "
                    + (now
                            ? "second signal: stopping now, running jobs are released"
                            : "SIG" + signal.getName() + ": no new jobs; running models finish within the grace period"
                                    + " (signal again to stop now)"));
            err.flush();
            worker.stop(now);
        };
        this.previousTerm = Signal.handle(new Signal("TERM"), handler);
        this.previousInt = Signal.handle(new Signal("INT"), handler);
    }

    static StopSignals install(Worker worker, PrintWriter err) {
        return new StopSignals(worker, err);
    }

    @Override
    public void close() {
        Signal.handle(new Signal("TERM"), previousTerm);
        Signal.handle(new Signal("INT"), previousInt);
    }
}
