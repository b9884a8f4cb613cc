// Command sdelkactl is Sdelka's headless command line over the same store as
// the desktop app: demo data, integrity check, backup and restore, migrations,
// users, imports, sales documents and payments, and benchmarks. It does not
// import Fyne, so it builds and runs on servers and in CI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, out io.Writer) error
}

var commands []command

func init() {
	commands = []command{
		{"demo", "create a demo company database", runDemo},
		{"check", "verify integrity, invariants and the audit chain", runCheck},
		{"backup", "write a consistent copy of the database", runBackup},
		{"restore", "replace the database with a backup", runRestore},
		{"migrate", "bring the database to this version's schema", runMigrate},
		{"users", "list, add users, reset a password", runUsers},
		{"import", "import customers, products or orders (CSV, XLSX; orders also JSON lines)", runImportAll},
		{"export", "export customers or products to CSV or XLSX", runExport},
		{"search", "search customers as the app does", runSearch},
		{"rates", "import the Central Bank's rates file, list rates", runRates},
		{"pricelist", "a customer's or group's price list as PDF or XLSX", runPricelist},
		{"order", "confirm draft orders (invoice, waybill, reservation)", runOrder},
		{"docs", "list sales documents, or export their PDFs", runDocs},
		{"doc", "one sales document as PDF", runDoc},
		{"payment", "record a payment for an invoice", runPayment},
		{"crosssell", "recompute the cross-selling statistics deals suggest from", runCrossSell},
		{"report", "an analytics figure (revenue, funnel, pipeline, ageing, forecast, ABC, RFM) as CSV, PNG or PDF", runReport},
		{"commissions", "a month's sales commissions per seller; the summary or a statement as PDF", runCommissions},
		{"bench", "time the standard operations on a copy of a database", runBench},
	}
}

// errHelp is flag.ErrHelp, for subcommands that parse by hand.
var errHelp = flag.ErrHelp

// errUsage marks a usage error (exit status 2); the flag set already printed why.
var errUsage = errors.New("usage")

// errProblems marks a completed check that found problems (exit status 1).
var errProblems = errors.New("problems found")

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: sdelkactl COMMAND [options]   (sdelkactl COMMAND --help for its options)")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(out)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], out)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			case errors.Is(err, errProblems):
				fmt.Fprintln(errOut, "sdelkactl "+c.name+": "+err.Error())
				return 1
			default:
				fmt.Fprintln(errOut, "sdelkactl "+c.name+": "+err.Error())
				return 1
			}
		}
	}
	fmt.Fprintf(errOut, "sdelkactl: unknown command %q\n", args[0])
	usage(errOut)
	return 2
}

// newFlags makes a flag set whose --help prints the command's usage.
func newFlags(name, synopsis string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: sdelkactl %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and maps a parse failure to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// parseDB parses args and requires the --db flag to be set.
func parseDB(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	return requireDB(fs, fs.Lookup("db").Value.String())
}

// requireDB reports a missing --db as a usage error.
func requireDB(fs *flag.FlagSet, db string) error {
	if db == "" {
		fmt.Fprintln(fs.Output(), "--db is required")
		fs.Usage()
		return errUsage
	}
	return nil
}
