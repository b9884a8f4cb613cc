package model

import (
	"strings"
	"time"
)

// InteractionKind is what kind of contact with the customer took place.
type InteractionKind string

// Timeline entry kinds.
const (
	InteractionCall    InteractionKind = "call"
	InteractionMeeting InteractionKind = "meeting"
	InteractionEmail   InteractionKind = "email"
	InteractionNote    InteractionKind = "note"
	InteractionVisit   InteractionKind = "visit"
)

// InteractionKinds lists the kinds in display order.
var InteractionKinds = []InteractionKind{InteractionCall, InteractionMeeting, InteractionEmail, InteractionNote, InteractionVisit}

// Impression is the seller's impression of the contact after an interaction.
type Impression string

// Impressions; "" means none recorded.
const (
	ImpressionPositive Impression = "positive"
	ImpressionNeutral  Impression = "neutral"
	ImpressionNegative Impression = "negative"
)

// Interaction is one entry of a customer's timeline.
type Interaction struct {
	ID             string
	CustomerID     string
	ContactID      string // optional
	ContactName    string // filled on read
	Kind           InteractionKind
	At             time.Time
	AuthorID       string // set by the service to the acting user
	AuthorName     string // filled on read
	Text           string
	Impression     Impression
	ImpressionNote string
	Version        int64
	CreatedAt      time.Time
}

// Validate checks a timeline entry.
func (i Interaction) Validate() error {
	var v ValidationErrors
	switch i.Kind {
	case InteractionCall, InteractionMeeting, InteractionEmail, InteractionNote, InteractionVisit:
	default:
		v.Add("kind", "valid.choice")
	}
	switch i.Impression {
	case "", ImpressionPositive, ImpressionNeutral, ImpressionNegative:
	default:
		v.Add("impression", "valid.choice")
	}
	if strings.TrimSpace(i.Text) == "" && strings.TrimSpace(i.ImpressionNote) == "" {
		v.Add("text", MsgRequired)
	}
	if i.At.IsZero() {
		v.Add("at", MsgRequired)
	}
	if i.CustomerID == "" {
		v.Add("customer", MsgRequired)
	}
	return v.Err()
}
