package docpdf_test

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"sdelka/model"
	"sdelka/reports/docpdf"
)

// Benchmarks number each document afresh, so that the payment QR code
// (cached by its text) is drawn every time, as in a batch of different
// invoices. Run them with -benchtime 20x: the targets are a one-page
// invoice ≤ 30 ms, a 1,000-line order ≤ 1 s, 1,000 invoices ≤ 30 s on two
// cores.

// benchSerial numbers benchmark documents across runs (-count).
var benchSerial atomic.Int64

// BenchmarkInvoiceOnePage is a one-page invoice with the QR code, the
// stamp and the signature.
func BenchmarkInvoiceOnePage(b *testing.B) {
	p := pack(b, model.DocInvoice, 6)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		p.Doc.Number = fmt.Sprintf("СЧ-2026-%06d", benchSerial.Add(1))
		out.Reset()
		if _, err := docpdf.Write(&out, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/1024, "KiB/doc")
}

// BenchmarkOrder1000Lines is a customer order of 1,000 lines (31 pages).
func BenchmarkOrder1000Lines(b *testing.B) {
	p := pack(b, model.DocOrder, 1000)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if _, err := docpdf.Write(&out, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/1024, "KiB/doc")
}

// BenchmarkWriteAll1000Invoices exports 1,000 one-page invoices, each with
// its own number, into a temporary directory.
func BenchmarkWriteAll1000Invoices(b *testing.B) {
	p := pack(b, model.DocInvoice, 6)
	b.ReportAllocs()
	for b.Loop() {
		run := benchSerial.Add(1)
		dir := b.TempDir()
		err := docpdf.WriteAll(context.Background(), 1000, func(i int) (model.PrintPack, error) {
			q := p
			q.Doc.Number = fmt.Sprintf("СЧ-%d-%04d", run, i)
			return q, nil
		}, dir, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
}
