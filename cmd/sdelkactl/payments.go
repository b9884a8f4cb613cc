package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"sdelka/model"
)

// runPayment is `sdelkactl payment add`: a payment for an invoice,
// allocated to it; what exceeds the outstanding amount stays as the
// customer's credit.
func runPayment(ctx context.Context, args []string, out io.Writer) error {
	const synopsis = "payment add --db PATH --invoice N --amount A [--date YYYY-MM-DD] [--method bank|cash|card] [--number DOCNO]"
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(out, "Usage: sdelkactl "+synopsis+"\n  add  record a payment for an invoice, allocated to it")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags("payment add", synopsis, out)
	db := fs.String("db", "", "database file")
	invoice := fs.String("invoice", "", "the invoice's number")
	amount := fs.String("amount", "", "amount received, in the invoice's currency (decimal comma or point)")
	date := fs.String("date", "", "day the money came (default: today)")
	method := fs.String("method", "bank", "bank, cash or card")
	number := fs.String("number", "", "the payer's document number (payment order)")
	if err := parseDB(fs, args[1:]); err != nil {
		return err
	}
	if *invoice == "" || *amount == "" {
		fmt.Fprintln(out, "--invoice and --amount are required")
		return errUsage
	}
	switch model.PaymentMethod(*method) {
	case model.PayBank, model.PayCash, model.PayCard:
	default:
		return fmt.Errorf("--method %q: want bank, cash or card", *method)
	}
	today := time.Now()
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if *date != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("--date %q: want YYYY-MM-DD", *date)
		}
	}
	s, svc, err := adminSession(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	inv, err := svc.Sales.FindDocumentByNumber(ctx, model.DocInvoice, *invoice)
	if err != nil {
		return err
	}
	if inv.Status != model.StatusPosted {
		return fmt.Errorf("invoice %s is %s: it takes no payments", inv.Number, inv.Status)
	}
	m := newMoneyFormat(ctx, svc)
	amt, err := model.ParseMoney(strings.TrimSpace(*amount), m.digitsOf(inv.Currency))
	if err != nil || amt <= 0 {
		return fmt.Errorf("--amount %q: want an amount greater than zero in %s, with up to %d decimals", *amount, inv.Currency, m.digitsOf(inv.Currency))
	}
	alloc := min(amt, model.Outstanding(inv))
	p := model.Payment{CustomerID: inv.CustomerID, Amount: amt, Currency: inv.Currency, Date: day, Method: model.PaymentMethod(*method),
		Number: *number}
	if alloc > 0 {
		p.Allocations = []model.Allocation{{InvoiceID: inv.ID, Amount: alloc}}
	}
	if p, err = svc.Sales.RecordPayment(ctx, p); err != nil {
		return describe(err)
	}
	cur := inv.Currency
	fmt.Fprintf(out, "payment %d: %s %s from %s on %s, %s allocated to invoice %s\n", p.Num, m.format(amt, cur), cur, inv.CustomerName,
		day.Format(time.DateOnly), m.format(alloc, cur), inv.Number)
	if extra := amt - alloc; extra > 0 {
		fmt.Fprintf(out, "%s %s is more than was due and stays as the customer's credit\n", m.format(extra, cur), cur)
	}
	now, err := svc.Sales.FindDocumentByID(ctx, inv.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "invoice %s: %s; gross %s, paid %s, outstanding %s %s, due %s\n", now.Number, model.InvoiceState(now, today),
		m.format(now.Totals.Gross+now.Credited, cur), m.format(now.Paid, cur), m.format(model.Outstanding(now), cur), cur,
		now.DueDate.Format(time.DateOnly))
	return nil
}
