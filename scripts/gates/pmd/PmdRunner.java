// Runs PMD 7 on Apex through its public API, so the gate needs only the jars that
// @salesforce/code-analyzer-pmd-engine ships and Java 17 (no sf CLI, no download).
// Usage: java -cp "<java-lib>/*" PmdRunner.java <ruleset.xml> <path>...
// Prints one line per violation as TAB-separated fields:
//   VIOLATION  priority  rule  file  line  message
//   ERROR      -         -     file  -     message      (processing/configuration errors)
import java.nio.file.Path;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;

public class PmdRunner {
    public static void main(String[] args) {
        PMDConfiguration config = new PMDConfiguration();
        config.addRuleSet(args[0]);
        for (int i = 1; i < args.length; i++) {
            config.addInputPath(Path.of(args[i]));
        }
        config.setMinimumPriority(RulePriority.LOW);
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            Report report = pmd.performAnalysisAndCollectReport();
            for (RuleViolation violation : report.getViolations()) {
                System.out.println(String.join("\t",
                    "VIOLATION",
                    String.valueOf(violation.getRule().getPriority().getPriority()),
                    violation.getRule().getName(),
                    violation.getFileId().getAbsolutePath(),
                    String.valueOf(violation.getBeginLine()),
                    oneLine(violation.getDescription())));
            }
            for (Report.ProcessingError error : report.getProcessingErrors()) {
                System.out.println(String.join("\t", "ERROR", "-", "-",
                    error.getFileId().getAbsolutePath(), "-", oneLine(error.getMsg())));
            }
            for (Report.ConfigurationError error : report.getConfigurationErrors()) {
                System.out.println(String.join("\t", "ERROR", "-", error.rule().getName(),
                    "-", "-", oneLine(error.issue())));
            }
            if (pmd.getReporter().numErrors() > 0) {
                System.out.println(String.join("\t", "ERROR", "-", "-", "-", "-",
                    "PMD reported " + pmd.getReporter().numErrors() + " errors (invalid ruleset?)"));
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
