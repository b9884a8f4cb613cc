package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"sdelka/assets"
	"sdelka/model"
	"sdelka/repo"
)

func runDemo(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("demo", "demo --db PATH [--seed N] [--size small|medium|large] [--customers N] [--products N] [--orders N] [--deals N]", out)
	db := fs.String("db", "", "database file to create (must be new or empty)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	size := fs.String("size", "small", "volume: small (300 customers), medium (50,000), large (1,000,000)")
	customers := fs.Int("customers", -1, "generate exactly N customers (overrides the size's count; on an existing demo database adds N)")
	products := fs.Int("products", 0, "also add N generated products to the demo catalog (for measuring a large catalog)")
	orders := fs.Int("orders", -1, "three years of sales with exactly N orders (default: the size's, 2,000 / 50,000 / 1,000,000; none with --customers); on an existing demo database without documents, adds them")
	deals := fs.Int("deals", -1, "the sales pipeline with exactly N deals, a fifth open (default: the size's, 300 / 15,000 / 60,000, after the sales; none with --customers); on an existing demo database without deals, adds them")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	nCustomers, err := repo.DemoSize(*size).DemoCustomers()
	if err != nil {
		return err
	}
	start := time.Now()
	s, err := repo.Open(*db)
	if err != nil {
		return err
	}
	fresh, err := s.Gate().NeedsSetup(ctx)
	if err != nil {
		s.Close()
		return err
	}
	sales, pipeline := *orders, *deals
	if pipeline < 0 && sales > 0 && *customers < 0 {
		pipeline = repo.DemoSize(*size).DemoDeals() // with the sales, as the size has them
	}
	switch {
	case *customers >= 0 && !fresh:
		err = s.DemoCustomers(ctx, *seed, *customers)
	case *customers >= 0:
		err = s.DemoWithCustomers(ctx, *seed, *customers)
	case !fresh && (sales >= 0 || pipeline >= 0): // sales or deals for an existing demo database
	case sales >= 0 || pipeline >= 0:
		err = s.DemoWithCustomers(ctx, *seed, nCustomers)
	default:
		err = s.Demo(ctx, *seed, repo.DemoSize(*size)) // with the size's sales and deals
		sales = 0
	}
	if err == nil && *products > 0 {
		err = s.DemoProducts(ctx, *seed, *products)
	}
	if err == nil && sales > 0 {
		err = s.DemoSales(ctx, *seed, sales)
	}
	if err == nil && pipeline > 0 {
		err = s.DemoPipeline(ctx, *seed, pipeline)
	}
	if err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "demo database %s ready in %s\nusers: admin, head, seller, seller2, accountant; password: %s\n",
		s.Path(), time.Since(start).Round(time.Millisecond), repo.DemoPassword)
	return nil
}

func runCheck(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("check", "check --db PATH [--clean]", out)
	db := fs.String("db", "", "database file to check (opened read-only)")
	clean := fs.Bool("clean", false, "also require that the database was closed cleanly (no write-ahead log left)")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(*db); err != nil {
		return err
	}
	walBefore := repo.WALBytes(*db)
	s, err := repo.OpenWith(ctx, *db, repo.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	probs, err := s.Check(ctx)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if *clean && walBefore > 0 {
		probs = append(probs, repo.Problem{Where: *db + "-wal", What: fmt.Sprintf("%d bytes of write-ahead log left: the database was not closed cleanly", walBefore)})
	}
	for _, p := range probs {
		fmt.Fprintln(out, "PROBLEM "+p.String())
	}
	if len(probs) > 0 {
		return fmt.Errorf("%d problem(s) in %s: %w", len(probs), *db, errProblems)
	}
	fmt.Fprintf(out, "ok: %s passed integrity, invariants and audit chain checks\n", *db)
	return nil
}

func runBackup(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("backup", "backup --db PATH --out FILE", out)
	db := fs.String("db", "", "database file")
	to := fs.String("out", "", "backup file to write (must not exist)")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	if *to == "" {
		fmt.Fprintln(out, "--out is required")
		return errUsage
	}
	s, err := repo.OpenWith(ctx, *db, repo.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.BackupTo(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(out, "backed up %s to %s\n", *db, *to)
	return nil
}

func runRestore(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("restore", "restore --db PATH [--from FILE | --list]", out)
	db := fs.String("db", "", "database file to replace (the current one is moved aside, not deleted)")
	from := fs.String("from", "", "backup file; default: the newest backup in the backups folder beside the database")
	list := fs.Bool("list", false, "only list the backups found beside the database")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	backups, err := repo.ListBackups(*db, repo.DefaultBackupDir(*db))
	if err != nil {
		return err
	}
	if *list {
		for _, b := range backups {
			fmt.Fprintf(out, "%s\t%s\t%d bytes\n", b.At.Format("2006-01-02 15:04:05"), b.Path, b.SizeBytes)
		}
		return nil
	}
	src := *from
	if src == "" {
		if len(backups) == 0 {
			return fmt.Errorf("no backups in %s; pass --from FILE", repo.DefaultBackupDir(*db))
		}
		src = backups[0].Path
	}
	aside, err := repo.RestoreFile(ctx, *db, src, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "restored %s from %s\n", *db, src)
	if aside != "" {
		fmt.Fprintf(out, "the previous file was kept as %s\n", aside)
	}
	return nil
}

func runMigrate(ctx context.Context, args []string, out io.Writer) error {
	fs := newFlags("migrate", "migrate --db PATH", out)
	db := fs.String("db", "", "database file")
	if err := parseDB(fs, args); err != nil {
		return err
	}
	s, err := repo.Open(*db)
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	if s.Migrated == repo.SchemaVersion() {
		fmt.Fprintf(out, "%s is already at schema version %d\n", *db, repo.SchemaVersion())
		return nil
	}
	fmt.Fprintf(out, "migrated %s from schema version %d to %d\n", *db, s.Migrated, repo.SchemaVersion())
	if s.PreMigrateBackup != "" {
		fmt.Fprintf(out, "copy before migrating: %s\n", s.PreMigrateBackup)
	}
	return nil
}

func runUsers(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "users list|add|reset-password --db PATH [options]"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(out, "Usage: sdelkactl %s\n  list            list users\n  add             --login L --name NAME --role admin|head|seller|accountant [--password P]\n  reset-password  --login L [--password P]\nWithout --password the password is read from standard input.\n", synopsis)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub := args[0]
	fs := newFlags("users "+sub, "users "+sub+" --db PATH [options]", out)
	db := fs.String("db", "", "database file")
	login := fs.String("login", "", "login name")
	name := fs.String("name", "", "full name (add)")
	role := fs.String("role", "seller", "role: admin, head, seller or accountant (add)")
	password := fs.String("password", "", "password; read from standard input when empty")
	if err := parseDB(fs, args[1:]); err != nil {
		return err
	}
	s, err := repo.Open(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	sess := s.Session(repo.System)
	switch sub {
	case "list":
		users, err := sess.FindUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tNAME\tROLE\tACTIVE\tLOCKED UNTIL")
		for _, u := range users {
			locked := ""
			if u.Locked(time.Now()) {
				locked = u.LockedUntil.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\n", u.Login, u.FullName, u.Role, u.Active, locked)
		}
		return tw.Flush()
	case "add", "reset-password":
		if *login == "" {
			fmt.Fprintln(out, "--login is required")
			return errUsage
		}
		pw := *password
		if pw == "" {
			if pw, err = readPassword(); err != nil {
				return err
			}
		}
		if sub == "add" {
			_, err = sess.CreateUser(ctx, model.NewUser{Login: *login, FullName: *name, Role: model.Role(*role), Password: pw})
			if err == nil {
				fmt.Fprintf(out, "user %s added as %s\n", *login, *role)
			}
			return describe(err)
		}
		users, err := sess.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if strings.EqualFold(u.Login, *login) {
				if err := sess.ResetPassword(ctx, u.ID, pw); err != nil {
					return describe(err)
				}
				fmt.Fprintf(out, "password of %s reset; the account is unlocked\n", u.Login)
				return nil
			}
		}
		return fmt.Errorf("no user %q", *login)
	}
	fmt.Fprintf(out, "unknown users subcommand %q\n", sub)
	return errUsage
}

func readPassword() (string, error) {
	fmt.Fprint(os.Stderr, "password: ")
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

var english = assets.MustCatalog().Lang("en")

// describe spells out validation errors field by field for the terminal.
func describe(err error) error {
	fe := model.FieldErrors(err)
	if len(fe) == 0 {
		return err
	}
	var parts []string
	for _, e := range fe {
		parts = append(parts, e.Field+": "+english.T(e.Msg))
	}
	return errors.New(strings.Join(parts, "; "))
}
