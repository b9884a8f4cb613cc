package model

import (
	"strings"
	"time"
)

// RequestStatus is where a service request stands.
type RequestStatus string

// Service request statuses.
const (
	RequestOpen       RequestStatus = "open"
	RequestInProgress RequestStatus = "in_progress"
	RequestResolved   RequestStatus = "resolved"
	RequestClosed     RequestStatus = "closed"
)

// RequestStatuses lists the statuses in order.
var RequestStatuses = []RequestStatus{RequestOpen, RequestInProgress, RequestResolved, RequestClosed}

// RequestPriority is how urgent a service request is.
type RequestPriority string

// Priorities, lowest first.
const (
	PriorityLow    RequestPriority = "low"
	PriorityNormal RequestPriority = "normal"
	PriorityHigh   RequestPriority = "high"
	PriorityUrgent RequestPriority = "urgent"
)

// RequestPriorities lists the priorities, lowest first.
var RequestPriorities = []RequestPriority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// ServiceRequest is a customer's request for service or support.
type ServiceRequest struct {
	ID              string
	Num             int64
	CustomerID      string
	CustomerName    string // filled on read
	Subject         string
	Description     string
	Priority        RequestPriority
	Status          RequestStatus
	ResponsibleID   string
	ResponsibleName string // filled on read
	OpenedAt        time.Time
	DueDate         string // YYYY-MM-DD or ""
	ResolvedAt      time.Time
	ClosedAt        time.Time
	Version         int64
	UpdatedAt       time.Time
}

// Validate checks a service request.
func (r ServiceRequest) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(r.Subject) == "" {
		v.Add("subject", MsgRequired)
	}
	if r.CustomerID == "" {
		v.Add("customer", MsgRequired)
	}
	switch r.Priority {
	case PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent:
	default:
		v.Add("priority", "valid.choice")
	}
	switch r.Status {
	case RequestOpen, RequestInProgress, RequestResolved, RequestClosed:
	default:
		v.Add("status", "valid.choice")
	}
	if r.DueDate != "" {
		if _, err := time.Parse("2006-01-02", r.DueDate); err != nil {
			v.Add("due_date", "valid.date")
		}
	}
	return v.Err()
}

// IsOpen reports whether the request still needs work.
func (s RequestStatus) IsOpen() bool { return s == RequestOpen || s == RequestInProgress }

// WithStatus moves r to status to at now, stamping when it was resolved and
// closed. Reopening clears both stamps; closing an unresolved request stamps
// it resolved as well.
func (r ServiceRequest) WithStatus(to RequestStatus, now time.Time) ServiceRequest {
	switch to {
	case RequestOpen, RequestInProgress:
		r.ResolvedAt, r.ClosedAt = time.Time{}, time.Time{}
	case RequestResolved:
		r.ResolvedAt, r.ClosedAt = now, time.Time{}
	case RequestClosed:
		if r.ResolvedAt.IsZero() {
			r.ResolvedAt = now
		}
		r.ClosedAt = now
	}
	r.Status = to
	return r
}

// Overdue reports whether an open request is past its due date on today
// (YYYY-MM-DD).
func (r ServiceRequest) Overdue(today string) bool {
	return r.Status.IsOpen() && r.DueDate != "" && r.DueDate < today
}

// ServiceRequestFilter selects service requests, newest first.
type ServiceRequestFilter struct {
	CustomerID    string
	ResponsibleID string
	OpenOnly      bool
	Limit         int
}
