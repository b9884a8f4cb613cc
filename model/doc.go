// Package model is Sdelka's domain: entity and value types, pure business rules
// and the service interfaces the UI talks to. It imports only the standard
// library. Rules never read the clock, the database or global state: the
// current time and the data they need are passed in, so every rule is a
// table-tested function.
package model
