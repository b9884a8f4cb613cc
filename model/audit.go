package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AuditAction is what happened to a record.
type AuditAction string

// Audit actions.
const (
	AuditCreate      AuditAction = "create"
	AuditUpdate      AuditAction = "update"
	AuditDelete      AuditAction = "delete"
	AuditRestore     AuditAction = "restore"
	AuditLogin       AuditAction = "login"
	AuditLoginFailed AuditAction = "login_failed"
	AuditBackup      AuditAction = "backup"
)

// Change is one field's old and new value in an audit entry.
type Change struct {
	Field string `json:"f"`
	Old   string `json:"o"`
	New   string `json:"n"`
}

// AuditEntry is one row of the tamper-evident audit log.
type AuditEntry struct {
	Seq       int64
	At        time.Time
	UserID    string
	UserLogin string
	Action    AuditAction
	Entity    Entity
	EntityID  string
	Changes   []Change
	PrevHash  string
	Hash      string
}

// AuditGenesis is the "previous hash" of the first entry.
const AuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditHash computes the hash of entry e chained to prev: SHA-256 over a
// canonical, length-prefixed encoding of every field, so that changing,
// reordering or deleting a row breaks the chain.
func AuditHash(prev string, e AuditEntry) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(prev)
	field(strconv.FormatInt(e.Seq, 10))
	field(e.At.UTC().Format(time.RFC3339Nano))
	field(e.UserID)
	field(e.UserLogin)
	field(string(e.Action))
	field(string(e.Entity))
	field(e.EntityID)
	for _, c := range e.Changes {
		field(c.Field)
		field(c.Old)
		field(c.New)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Diff lists the fields whose values differ between old and new, sorted by
// field name. Fields in secret have their values masked.
func Diff(old, new map[string]string, secret ...string) []Change {
	keys := make(map[string]bool, len(new))
	for k := range old {
		keys[k] = true
	}
	for k := range new {
		keys[k] = true
	}
	var out []Change
	for k := range keys {
		o, n := old[k], new[k]
		if o == n {
			continue
		}
		for _, s := range secret {
			if s == k {
				o, n = mask(o), mask(n)
			}
		}
		out = append(out, Change{Field: k, Old: o, New: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func mask(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

// AuditProblem is one break in the audit chain found by VerifyAuditChain.
type AuditProblem struct {
	Seq int64
	Msg string
}

// VerifyAuditChain checks entries (in Seq order) against each other and against
// the recorded head (the last Seq and hash kept apart from the log). It reports
// rows whose hash does not match their content, broken links, gaps in the
// sequence and a missing or altered tail.
func VerifyAuditChain(entries []AuditEntry, headSeq int64, headHash string) []AuditProblem {
	var probs []AuditProblem
	prev := AuditGenesis
	var prevSeq int64
	for _, e := range entries {
		if e.Seq != prevSeq+1 {
			probs = append(probs, AuditProblem{e.Seq, "entries " + strconv.FormatInt(prevSeq+1, 10) + "–" + strconv.FormatInt(e.Seq-1, 10) + " are missing"})
		}
		if e.PrevHash != prev {
			probs = append(probs, AuditProblem{e.Seq, "link to the previous entry is broken"})
		}
		if AuditHash(e.PrevHash, e) != e.Hash {
			probs = append(probs, AuditProblem{e.Seq, "entry was altered after it was written"})
		}
		prev, prevSeq = e.Hash, e.Seq
	}
	if headSeq != prevSeq || (headSeq > 0 && !strings.EqualFold(headHash, prev)) {
		probs = append(probs, AuditProblem{prevSeq, "the log ends at entry " + strconv.FormatInt(prevSeq, 10) + " but entry " + strconv.FormatInt(headSeq, 10) + " was the last written: entries were removed or replaced"})
	}
	return probs
}
