package io.spool.bench.sidebyside;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The runner's command line (bench/run.sh passes its own arguments through, plus --root and --command). */
record Options(Sizes sizes, List<String> only, Path root, String command, String spoolRevision) {
    static final String USAGE = "usage: bench/run.sh [--quick] [--runs N] [--only workload[,workload...]]";

    static Options parse(String[] args) {
        boolean quick = false;
        Integer runs = null;
        List<String> only = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath().normalize();
        String command = "bench/run.sh";
        String revision = "unknown revision";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--only" -> only.addAll(List.of(value(args, ++i).split(",")));
                case "--root" -> root = Path.of(value(args, ++i)).toAbsolutePath().normalize();
                case "--command" -> command = value(args, ++i);
                case "--spool-revision" -> revision = value(args, ++i);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
        }
        Sizes sizes = quick ? Sizes.quickRun() : Sizes.fullRun();
        if (runs != null) {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1\n" + USAGE);
            }
            sizes = sizes.withRuns(runs);
        }
        return new Options(sizes, List.copyOf(only), root, command, revision);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
