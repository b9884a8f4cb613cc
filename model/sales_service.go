package model

import (
	"context"
	"time"
)

// SalesService is the order-to-cash flow: quotes and orders, the invoices
// and waybills confirming an order makes, contracts, statements, credit
// notes, payments and their allocation, the obligations register, deal
// insurance, number series and document templates. Sellers work with the
// documents of the customers they see; the accountant with all documents
// and payments; heads approve credit-limit exceptions.
//
// Errors common to all methods: ErrNotFound (also when not visible),
// ErrForbidden, ErrStale (versions as loaded), ValidationErrors.
type SalesService interface {
	// FindDocuments returns one page of document headers (no lines), newest
	// first.
	FindDocuments(ctx context.Context, f DocFilter) ([]Document, error)
	// CountDocuments counts what FindDocuments pages through.
	CountDocuments(ctx context.Context, f DocFilter) (int, error)
	// FindDocumentByID loads a document with its lines.
	FindDocumentByID(ctx context.Context, id string) (Document, error)
	// FindDocumentByNumber loads a posted document of a kind by its number.
	FindDocumentByNumber(ctx context.Context, kind DocKind, number string) (Document, error)
	// RelatedDocuments lists the documents made from, or corrected by, the
	// document, and the one it was made from.
	RelatedDocuments(ctx context.Context, id string) ([]Document, error)

	// CheckOrder prices a draft's lines (those without ManualPrice, from
	// the catalog for its customer, currency and day), computes totals,
	// stock availability at its warehouse and the credit check: what the
	// order form shows. It writes nothing.
	CheckOrder(ctx context.Context, d Document) (OrderCheck, error)
	// SaveDraft creates (empty ID) or updates a draft quote or order: lines
	// are priced as CheckOrder does and snapshot the product. Errors:
	// ErrPosted for a posted document.
	SaveDraft(ctx context.Context, d Document) (Document, error)
	// DeleteDraft removes a draft (drafts have no number, so no gap).
	DeleteDraft(ctx context.Context, id string, version int64) error
	// PostQuote issues a draft quote: it gets its number and freezes.
	PostQuote(ctx context.Context, id string, version int64) (Document, error)
	// OrderFromQuote makes a draft order with the quote's lines and prices.
	OrderFromQuote(ctx context.Context, quoteID string) (Document, error)
	// ConfirmOrder numbers the order, reserves its stock and posts an
	// invoice and a waybill from its lines, with the payment schedule as
	// obligations. Errors: *CreditLimitError (ErrCreditLimit) unless a head
	// approved the exception, *InsufficientStockError.
	ConfirmOrder(ctx context.Context, id string, version int64) (ConfirmResult, error)
	// ApproveCredit records a sales head's approval of confirming the order
	// over the customer's credit limit (audited). Heads and administrators.
	ApproveCredit(ctx context.Context, orderID string, version int64, note string) (Document, error)
	// CancelDocument cancels a posted order (releasing its reservations and
	// cancelling its unpaid invoices and unshipped waybills), invoice (not
	// when payments are allocated: ErrHasPayments), quote or contract. The
	// number stays used.
	CancelDocument(ctx context.Context, id string, version int64, reason string) (Document, error)
	// ReissueDocument makes a draft copy of a cancelled invoice or quote,
	// linked to it (ReplacesID), to correct and post.
	ReissueDocument(ctx context.Context, id string) (Document, error)
	// PostDocument posts a draft invoice (a reissue) or contract.
	PostDocument(ctx context.Context, id string, version int64) (Document, error)
	// ShipWaybill ships a posted waybill on day: the stock leaves the
	// warehouse (releasing the reservation) and our delivery obligation is
	// done when the order is all shipped.
	ShipWaybill(ctx context.Context, id string, version int64, day time.Time) (Document, error)
	// CreateCreditNote posts a credit note returning quantities of a posted
	// invoice's lines (at most what is not yet returned). Returned goods of
	// a shipped waybill come back to its warehouse.
	CreateCreditNote(ctx context.Context, invoiceID string, lines []CreditLine, reason string, day time.Time) (Document, error)
	// CreateContract renders the template for the customer into a draft
	// contract.
	CreateContract(ctx context.Context, customerID, templateID string, day time.Time) (Document, error)
	// UpdateContractText changes a draft contract's text.
	UpdateContractText(ctx context.Context, id string, version int64, body string) (Document, error)
	// CreateStatement posts a statement of account for the customer and
	// period.
	CreateStatement(ctx context.Context, customerID string, from, to time.Time) (Document, error)

	// FindPayments returns one page of payments, newest first.
	FindPayments(ctx context.Context, f PaymentFilter) ([]Payment, error)
	// OpenInvoices lists the customer's posted invoices with something to
	// pay, oldest due first.
	OpenInvoices(ctx context.Context, customerID string) ([]Document, error)
	// RecordPayment saves a payment with its allocations; what is not
	// allocated stays as the customer's credit.
	RecordPayment(ctx context.Context, p Payment) (Payment, error)
	// AllocatePayment applies more of a payment's unallocated amount.
	AllocatePayment(ctx context.Context, paymentID string, allocs []Allocation) (Payment, error)
	// CustomerBalance is the customer's debt, credit, overdue amount and
	// ageing on today.
	CustomerBalance(ctx context.Context, customerID string, today time.Time) (Balance, error)
	// Receivables is the ageing of all visible customers' debts on today.
	Receivables(ctx context.Context, today time.Time) (Ageing, error)

	// FindObligations lists the register.
	FindObligations(ctx context.Context, f ObligationFilter) ([]Obligation, error)

	// Insurance lists an order's policies.
	Insurance(ctx context.Context, orderID string) ([]InsurancePolicy, error)
	// SaveInsurance creates or updates a policy.
	SaveInsurance(ctx context.Context, p InsurancePolicy) (InsurancePolicy, error)

	// Terms returns a customer's effective terms (own over group), and the
	// customer's own record.
	Terms(ctx context.Context, customerID string) (effective, own CustomerTerms, err error)
	// GroupTerms returns a customer group's own terms (zero when none).
	GroupTerms(ctx context.Context, groupID string) (CustomerTerms, error)
	// SaveTerms saves a customer's or a group's terms (heads, administrators
	// and the accountant).
	SaveTerms(ctx context.Context, t CustomerTerms) (CustomerTerms, error)

	// NumberSeries lists the series of every kind.
	NumberSeries(ctx context.Context) ([]NumberSeries, error)
	// SaveNumberSeries changes a kind's mask (administrators).
	SaveNumberSeries(ctx context.Context, s NumberSeries) (NumberSeries, error)
	// Templates lists the contract templates.
	Templates(ctx context.Context) ([]DocTemplate, error)
	// SaveTemplate creates or updates a template (administrators).
	SaveTemplate(ctx context.Context, t DocTemplate) (DocTemplate, error)

	// PrintPack reads everything the document's PDF needs.
	PrintPack(ctx context.Context, id string) (PrintPack, error)
}
