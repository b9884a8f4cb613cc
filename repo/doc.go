// Package repo implements Sdelka's model services over an embedded SQLite
// database. Each public method is one transaction: load, apply the model rule,
// write (with an audit row), commit. SQLite-specific SQL stays in this package.
package repo
