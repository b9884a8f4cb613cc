package model_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sdelka/model"
)

var auditT0 = time.Date(2026, 3, 1, 10, 15, 30, 123456789, time.UTC)

func auditBase() model.AuditEntry {
	return model.AuditEntry{
		Seq:       7,
		At:        auditT0,
		UserID:    "u1",
		UserLogin: "ivan",
		Action:    model.AuditUpdate,
		Entity:    model.EntityCustomer,
		EntityID:  "c1",
		Changes: []model.Change{
			{Field: "name", Old: "Ромашка", New: "Ромашка+"},
			{Field: "phone", Old: "", New: "+7 495 000-00-00"},
		},
	}
}

// auditEncode is the canonical encoding AuditHash documents, written out
// independently: every field as "<byte length>:<bytes>".
func auditEncode(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p)))
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

func TestAuditHashFormat(t *testing.T) {
	e := auditBase()
	enc := auditEncode(model.AuditGenesis, "7", "2026-03-01T10:15:30.123456789Z", "u1", "ivan", "update", "customer", "c1",
		"name", "Ромашка", "Ромашка+", "phone", "", "+7 495 000-00-00")
	sum := sha256.Sum256([]byte(enc))
	want := hex.EncodeToString(sum[:])
	if got := model.AuditHash(model.AuditGenesis, e); got != want {
		t.Errorf("AuditHash: got %s, want %s (sha256 of %q)", got, want, enc)
	}
	if got := len(model.AuditGenesis); got != 64 || strings.Trim(model.AuditGenesis, "0") != "" {
		t.Errorf("AuditGenesis: got %q, want 64 zeros", model.AuditGenesis)
	}
}

func TestAuditHashDeterministic(t *testing.T) {
	e := auditBase()
	h1 := model.AuditHash(model.AuditGenesis, e)
	h2 := model.AuditHash(model.AuditGenesis, auditBase())
	if h1 != h2 {
		t.Errorf("AuditHash twice: got %s and %s, want equal", h1, h2)
	}
	if len(h1) != 64 || strings.ToLower(h1) != h1 {
		t.Errorf("AuditHash: got %q, want 64 lower-case hex digits", h1)
	}
	if _, err := hex.DecodeString(h1); err != nil {
		t.Errorf("AuditHash: got %q, not hex: %v", h1, err)
	}

	same := []struct {
		name string
		edit func(*model.AuditEntry)
	}{
		{"same instant in another zone", func(e *model.AuditEntry) { e.At = e.At.In(time.FixedZone("MSK", 3*60*60)) }},
		{"own Hash ignored", func(e *model.AuditEntry) { e.Hash = "ffff" }},
		{"own PrevHash ignored, prev argument counts", func(e *model.AuditEntry) { e.PrevHash = "ffff" }},
	}
	for _, tc := range same {
		t.Run(tc.name, func(t *testing.T) {
			e := auditBase()
			tc.edit(&e)
			if got := model.AuditHash(model.AuditGenesis, e); got != h1 {
				t.Errorf("AuditHash: got %s, want %s", got, h1)
			}
		})
	}
	t.Run("nil Changes equals empty Changes", func(t *testing.T) {
		a, b := auditBase(), auditBase()
		a.Changes, b.Changes = nil, []model.Change{}
		if ha, hb := model.AuditHash("", a), model.AuditHash("", b); ha != hb {
			t.Errorf("AuditHash: got %s for nil and %s for empty, want equal", ha, hb)
		}
	})
}

func TestAuditHashEveryFieldCounts(t *testing.T) {
	base := model.AuditHash(model.AuditGenesis, auditBase())
	tests := []struct {
		name string
		prev string
		edit func(*model.AuditEntry)
	}{
		{"prev", strings.Repeat("1", 64), func(*model.AuditEntry) {}},
		{"prev empty", "", func(*model.AuditEntry) {}},
		{"seq", model.AuditGenesis, func(e *model.AuditEntry) { e.Seq = 8 }},
		{"at 1ns later", model.AuditGenesis, func(e *model.AuditEntry) { e.At = e.At.Add(time.Nanosecond) }},
		{"user id", model.AuditGenesis, func(e *model.AuditEntry) { e.UserID = "u2" }},
		{"user login", model.AuditGenesis, func(e *model.AuditEntry) { e.UserLogin = "Ivan" }},
		{"action", model.AuditGenesis, func(e *model.AuditEntry) { e.Action = model.AuditDelete }},
		{"entity", model.AuditGenesis, func(e *model.AuditEntry) { e.Entity = model.EntityDeal }},
		{"entity id", model.AuditGenesis, func(e *model.AuditEntry) { e.EntityID = "c2" }},
		{"change field", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes[0].Field = "title" }},
		{"change old", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes[0].Old = "ромашка" }},
		{"change new", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes[0].New = "Ромашка" }},
		{"second change old", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes[1].Old = " " }},
		{"second change new", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes[1].New = "" }},
		{"change removed", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes = e.Changes[:1] }},
		{"empty change added", model.AuditGenesis, func(e *model.AuditEntry) { e.Changes = append(e.Changes, model.Change{}) }},
		{"changes swapped", model.AuditGenesis, func(e *model.AuditEntry) {
			e.Changes[0], e.Changes[1] = e.Changes[1], e.Changes[0]
		}},
		{"old and new swapped", model.AuditGenesis, func(e *model.AuditEntry) {
			e.Changes[0].Old, e.Changes[0].New = e.Changes[0].New, e.Changes[0].Old
		}},
	}
	seen := map[string]string{base: "base"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := auditBase()
			tc.edit(&e)
			got := model.AuditHash(tc.prev, e)
			if got == base {
				t.Errorf("AuditHash after changing %s: got %s, want a different hash", tc.name, got)
			}
			if other, ok := seen[got]; ok {
				t.Errorf("AuditHash after changing %s: got the same hash as %s", tc.name, other)
			}
			seen[got] = tc.name
		})
	}
}

func TestAuditHashLengthPrefix(t *testing.T) {
	tests := []struct {
		name string
		a, b func(*model.AuditEntry)
	}{
		{"user id and login",
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "ab", "c" },
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "a", "bc" }},
		{"entity and entity id",
			func(e *model.AuditEntry) { e.Entity, e.EntityID = "customer1", "2" },
			func(e *model.AuditEntry) { e.Entity, e.EntityID = "customer", "12" }},
		{"change old and new",
			func(e *model.AuditEntry) { e.Changes = []model.Change{{Field: "f", Old: "ab", New: "c"}} },
			func(e *model.AuditEntry) { e.Changes = []model.Change{{Field: "f", Old: "a", New: "bc"}} }},
		{"across two changes",
			func(e *model.AuditEntry) { e.Changes = []model.Change{ch("f", "o", "n1"), ch("g", "o", "n")} },
			func(e *model.AuditEntry) { e.Changes = []model.Change{ch("f", "o", "n"), ch("1g", "o", "n")} }},
		{"digits that look like a length prefix",
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "1:", "a" },
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "", "1:a" }},
		{"empty fields shifted",
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "x", "" },
			func(e *model.AuditEntry) { e.UserID, e.UserLogin = "", "x" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := auditBase(), auditBase()
			tc.a(&a)
			tc.b(&b)
			ha, hb := model.AuditHash(model.AuditGenesis, a), model.AuditHash(model.AuditGenesis, b)
			if ha == hb {
				t.Errorf("AuditHash: got %s for both, want different hashes", ha)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	type m = map[string]string
	tests := []struct {
		name     string
		old, new m
		secret   []string
		want     []model.Change
	}{
		{"both nil", nil, nil, nil, nil},
		{"identical", m{"a": "1", "b": "2"}, m{"a": "1", "b": "2"}, nil, nil},
		{"added", m{}, m{"name": "Ромашка"}, nil, []model.Change{ch("name", "", "Ромашка")}},
		{"added to nil", nil, m{"name": "Ромашка"}, nil, []model.Change{ch("name", "", "Ромашка")}},
		{"removed", m{"name": "Ромашка"}, nil, nil, []model.Change{ch("name", "Ромашка", "")}},
		{"changed", m{"inn": "7707083893"}, m{"inn": "7707083894"}, nil, []model.Change{ch("inn", "7707083893", "7707083894")}},
		{"absent equals empty", m{"note": ""}, m{}, nil, nil},
		{"case counts", m{"name": "ромашка"}, m{"name": "Ромашка"}, nil, []model.Change{ch("name", "ромашка", "Ромашка")}},
		{"mixed, sorted, unchanged omitted",
			m{"z": "1", "b": "2", "a": "1", "same": "s"},
			m{"b": "3", "c": "5", "a": "1", "same": "s"},
			nil,
			[]model.Change{ch("b", "2", "3"), ch("c", "", "5"), ch("z", "1", "")}},
		{"secret changed", m{"password": "old", "name": "a"}, m{"password": "new", "name": "b"}, []string{"password"},
			[]model.Change{ch("name", "a", "b"), ch("password", "***", "***")}},
		{"secret set", m{}, m{"password": "p4ssword"}, []string{"password"}, []model.Change{ch("password", "", "***")}},
		{"secret cleared", m{"password": "p4ssword"}, m{"password": ""}, []string{"password"}, []model.Change{ch("password", "***", "")}},
		{"secret unchanged omitted", m{"password": "x", "name": "a"}, m{"password": "x", "name": "b"}, []string{"password"},
			[]model.Change{ch("name", "a", "b")}},
		{"several secrets", m{"pin": "1", "password": "2", "name": "3"}, m{"pin": "4", "password": "5", "name": "6"}, []string{"pin", "password"},
			[]model.Change{ch("name", "3", "6"), ch("password", "***", "***"), ch("pin", "***", "***")}},
		{"secret name not present", m{"name": "a"}, m{"name": "b"}, []string{"password"}, []model.Change{ch("name", "a", "b")}},
		{"secret matched exactly", m{"Password": "a"}, m{"Password": "b"}, []string{"password"}, []model.Change{ch("Password", "a", "b")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := model.Diff(tc.old, tc.new, tc.secret...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Diff(%v, %v, %q): got %+v, want %+v", tc.old, tc.new, tc.secret, got, tc.want)
			}
		})
	}
}

func TestDiffSortedMany(t *testing.T) {
	old, new := map[string]string{}, map[string]string{}
	var want []string
	for i := 0; i < 50; i++ {
		k := fmt.Sprintf("f%02d", 49-i)
		old[k], new[k] = "a", "b"
		want = append(want, fmt.Sprintf("f%02d", i))
	}
	got := model.Diff(old, new)
	var fields []string
	for _, c := range got {
		fields = append(fields, c.Field)
	}
	if !slices.Equal(fields, want) {
		t.Errorf("Diff fields: got %v, want %v", fields, want)
	}
}

func TestCustomerAuditFieldsDiff(t *testing.T) {
	a := model.Customer{Kind: model.CustomerCompany, Name: "Ромашка", INN: "7707083893", OwnerID: "u1"}
	b := a
	b.Name, b.OwnerID, b.Phone = "Ромашка+", "u2", "+7 495 123-45-67"
	got := model.Diff(a.AuditFields(), b.AuditFields())
	want := []model.Change{ch("name", "Ромашка", "Ромашка+"), ch("owner_id", "u1", "u2"), ch("phone", "", "+7 495 123-45-67")}
	if !slices.Equal(got, want) {
		t.Errorf("Diff(customer fields): got %+v, want %+v", got, want)
	}
	fields := a.AuditFields()
	for _, k := range []string{"kind", "name", "inn", "kpp", "ogrn", "phone", "email", "region", "group_id", "tags", "note", "owner_id"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("AuditFields: got no %q, want it recorded", k)
		}
	}
	if got, want := len(fields), 25; got != want {
		t.Errorf("AuditFields: got %d fields, want %d", got, want)
	}
}

// ch builds a Change without unkeyed fields.
func ch(field, old, new string) model.Change {
	return model.Change{Field: field, Old: old, New: new}
}

// prob builds an AuditProblem without unkeyed fields.
func prob(seq int64, msg string) model.AuditProblem {
	return model.AuditProblem{Seq: seq, Msg: msg}
}

// auditChain builds n correctly chained entries with Seq 1..n.
func auditChain(t *testing.T, n int) []model.AuditEntry {
	t.Helper()
	out := make([]model.AuditEntry, n)
	prev := model.AuditGenesis
	for i := range out {
		e := model.AuditEntry{
			Seq:       int64(i + 1),
			At:        auditT0.Add(time.Duration(i) * time.Minute),
			UserID:    "u1",
			UserLogin: "ivan",
			Action:    model.AuditUpdate,
			Entity:    model.EntityCustomer,
			EntityID:  fmt.Sprintf("c%d", i),
			Changes:   []model.Change{{Field: "name", Old: fmt.Sprint(i), New: fmt.Sprint(i + 1)}},
			PrevHash:  prev,
		}
		e.Hash = model.AuditHash(prev, e)
		prev = e.Hash
		out[i] = e
	}
	return out
}

func TestVerifyAuditChain(t *testing.T) {
	const (
		altered = "entry was altered after it was written"
		broken  = "link to the previous entry is broken"
	)
	tail := func(last, head int64) string {
		return fmt.Sprintf("the log ends at entry %d but entry %d was the last written: entries were removed or replaced", last, head)
	}
	chain := auditChain(t, 5)
	head := chain[4].Hash
	tests := []struct {
		name     string
		entries  func([]model.AuditEntry) []model.AuditEntry
		headSeq  int64
		headHash string
		want     []model.AuditProblem
	}{
		{"intact", nil, 5, head, nil},
		{"intact, head hash in upper case", nil, 5, strings.ToUpper(head), nil},
		{"single entry", func(c []model.AuditEntry) []model.AuditEntry { return c[:1] }, 1, chain[0].Hash, nil},
		{"altered entry", func(c []model.AuditEntry) []model.AuditEntry {
			c[2].UserLogin = "petr"
			return c
		}, 5, head, []model.AuditProblem{prob(3, altered)}},
		{"altered change value", func(c []model.AuditEntry) []model.AuditEntry {
			c[1].Changes[0].New = "999"
			return c
		}, 5, head, []model.AuditProblem{prob(2, altered)}},
		{"altered stored hash", func(c []model.AuditEntry) []model.AuditEntry {
			c[2].Hash = strings.Repeat("a", 64)
			return c
		}, 5, head, []model.AuditProblem{prob(3, altered), prob(4, broken)}},
		{"broken link, entry rehashed over the bad link", func(c []model.AuditEntry) []model.AuditEntry {
			c[2].PrevHash = strings.Repeat("b", 64)
			c[2].Hash = model.AuditHash(c[2].PrevHash, c[2])
			c[3].PrevHash = c[2].Hash
			c[3].Hash = model.AuditHash(c[3].PrevHash, c[3])
			c[4].PrevHash = c[3].Hash
			c[4].Hash = model.AuditHash(c[4].PrevHash, c[4])
			return c
		}, 5, head, []model.AuditProblem{prob(3, broken), prob(5, tail(5, 5))}},
		{"entry rewritten and rehashed breaks the next link", func(c []model.AuditEntry) []model.AuditEntry {
			c[2].UserLogin = "petr"
			c[2].Hash = model.AuditHash(c[2].PrevHash, c[2])
			return c
		}, 5, head, []model.AuditProblem{prob(4, broken)}},
		{"gap: middle entry missing", func(c []model.AuditEntry) []model.AuditEntry {
			return append(c[:2:2], c[3:]...)
		}, 5, head, []model.AuditProblem{prob(4, "entries 3–3 are missing"), prob(4, broken)}},
		{"gap: two entries missing", func(c []model.AuditEntry) []model.AuditEntry {
			return append(c[:1:1], c[3:]...)
		}, 5, head, []model.AuditProblem{prob(4, "entries 2–3 are missing"), prob(4, broken)}},
		{"first entry missing", func(c []model.AuditEntry) []model.AuditEntry { return c[1:] },
			5, head, []model.AuditProblem{prob(2, "entries 1–1 are missing"), prob(2, broken)}},
		{"removed tail", func(c []model.AuditEntry) []model.AuditEntry { return c[:3] },
			5, head, []model.AuditProblem{prob(3, tail(3, 5))}},
		{"removed tail, head seq beyond last", nil, 6, head, []model.AuditProblem{prob(5, tail(5, 6))}},
		{"head seq behind last", nil, 4, chain[3].Hash, []model.AuditProblem{prob(5, tail(5, 4))}},
		{"wrong head hash", nil, 5, strings.Repeat("f", 64), []model.AuditProblem{prob(5, tail(5, 5))}},
		{"empty head hash", nil, 5, "", []model.AuditProblem{prob(5, tail(5, 5))}},
		{"everything removed", func([]model.AuditEntry) []model.AuditEntry { return nil },
			5, head, []model.AuditProblem{prob(0, tail(0, 5))}},
		{"empty log, head 0", func([]model.AuditEntry) []model.AuditEntry { return nil }, 0, "", nil},
		{"empty log, head 0, any hash", func([]model.AuditEntry) []model.AuditEntry { return nil }, 0, head, nil},
		{"empty log, head 3", func([]model.AuditEntry) []model.AuditEntry { return nil },
			3, strings.Repeat("c", 64), []model.AuditProblem{prob(0, tail(0, 3))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries := auditChain(t, 5)
			if tc.entries != nil {
				entries = tc.entries(entries)
			}
			got := model.VerifyAuditChain(entries, tc.headSeq, tc.headHash)
			if !slices.Equal(got, tc.want) {
				t.Errorf("VerifyAuditChain: got %+v, want %+v", got, tc.want)
			}
		})
	}
}
