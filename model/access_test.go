package model_test

import (
	"fmt"
	"testing"

	"sdelka/model"
)

// accessEntities is every Entity constant declared in access.go.
var accessEntities = []model.Entity{
	model.EntityCompany, model.EntityUser, model.EntityCustomer, model.EntityDeal,
	model.EntityDocument, model.EntityPayment, model.EntityAudit, model.EntityBackup,
	model.EntitySession, model.EntitySettings, model.EntityProduct, model.EntityPriceList,
	model.EntityStock, model.EntityCurrency,
}

// accessActions is every Action constant, in the column order of accessWant.
var accessActions = []model.Action{
	model.ActRead, model.ActCreate, model.ActUpdate, model.ActDelete, model.ActShare,
}

// accessWant is the access matrix written out by hand from the rules: one
// string per role and entity, one character per action in accessActions order
// (read, create, update, delete, share): 'A' ScopeAll, 'O' ScopeOwn, '-' none.
//
//   - admin: everything, users, settings and audit included; users are
//     deactivated rather than deleted, the audit log is read-only.
//   - head: everything on customers and deals, reads the rest; no user
//     management, no settings changes, no payments changes.
//   - seller: only own (or shared) customers and deals, and documents and
//     payments on them; sellers create, edit and confirm their customers'
//     documents (drafts, orders) but never delete one.
//   - accountant: reads every customer but never changes one; all on payments.
//   - sessions are not records anyone acts on through the access table.
//   - catalog: heads and administrators keep products and prices; everyone
//     reads them; stock is moved (never edited: movements only) by them and
//     the accountant, who also keeps currencies and rates.
var accessWant = map[model.Role]map[model.Entity]string{
	model.RoleAdmin: {
		model.EntityCompany:   "A-A--",
		model.EntityUser:      "AAA--",
		model.EntityCustomer:  "AAAAA",
		model.EntityDeal:      "AAAAA",
		model.EntityDocument:  "AAAA-",
		model.EntityPayment:   "AAAA-",
		model.EntityAudit:     "A----",
		model.EntityBackup:    "AAA--",
		model.EntitySession:   "-----",
		model.EntitySettings:  "A-A--",
		model.EntityProduct:   "AAAA-",
		model.EntityPriceList: "AAAA-",
		model.EntityStock:     "AA---",
		model.EntityCurrency:  "AAA--",
	},
	model.RoleHead: {
		model.EntityCompany:   "A----",
		model.EntityUser:      "A----",
		model.EntityCustomer:  "AAAAA",
		model.EntityDeal:      "AAAAA",
		model.EntityDocument:  "AAA--",
		model.EntityPayment:   "A----",
		model.EntityAudit:     "A----",
		model.EntityBackup:    "AA---",
		model.EntitySession:   "-----",
		model.EntitySettings:  "A----",
		model.EntityProduct:   "AAAA-",
		model.EntityPriceList: "AAAA-",
		model.EntityStock:     "AA---",
		model.EntityCurrency:  "AAA--",
	},
	model.RoleSeller: {
		model.EntityCompany:   "A----",
		model.EntityUser:      "A----",
		model.EntityCustomer:  "OOO-O",
		model.EntityDeal:      "OOO-O",
		model.EntityDocument:  "OOO--",
		model.EntityPayment:   "O----",
		model.EntityAudit:     "-----",
		model.EntityBackup:    "-----",
		model.EntitySession:   "-----",
		model.EntitySettings:  "A----",
		model.EntityProduct:   "A----",
		model.EntityPriceList: "A----",
		model.EntityStock:     "A----",
		model.EntityCurrency:  "A----",
	},
	model.RoleAccountant: {
		model.EntityCompany:   "A-A--",
		model.EntityUser:      "A----",
		model.EntityCustomer:  "A----",
		model.EntityDeal:      "-----",
		model.EntityDocument:  "AAA--",
		model.EntityPayment:   "AAAA-",
		model.EntityAudit:     "-----",
		model.EntityBackup:    "AA---",
		model.EntitySession:   "-----",
		model.EntitySettings:  "A----",
		model.EntityProduct:   "A----",
		model.EntityPriceList: "A----",
		model.EntityStock:     "AA---",
		model.EntityCurrency:  "AAA--",
	},
}

func scopeCode(t *testing.T, c byte) model.Scope {
	t.Helper()
	switch c {
	case 'A':
		return model.ScopeAll
	case 'O':
		return model.ScopeOwn
	case '-':
		return model.ScopeNone
	}
	t.Fatalf("bad scope code %q in accessWant", c)
	return model.ScopeNone
}

func TestRolesList(t *testing.T) {
	want := []model.Role{model.RoleAdmin, model.RoleHead, model.RoleSeller, model.RoleAccountant}
	if got := model.Roles; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Roles: got %v, want %v", got, want)
	}
	if got, want := len(accessWant), len(model.Roles); got != want {
		t.Fatalf("accessWant roles: got %d, want %d", got, want)
	}
}

func TestScopeForMatrix(t *testing.T) {
	for _, r := range model.Roles {
		rows, ok := accessWant[r]
		if !ok {
			t.Fatalf("role %q: missing from accessWant", r)
		}
		if got, want := len(rows), len(accessEntities); got != want {
			t.Fatalf("role %q: accessWant has %d entities, want %d", r, got, want)
		}
		for _, e := range accessEntities {
			row, ok := rows[e]
			if !ok || len(row) != len(accessActions) {
				t.Fatalf("role %q entity %q: bad accessWant row %q", r, e, row)
			}
			for i, a := range accessActions {
				t.Run(fmt.Sprintf("%s/%s/%s", r, e, a), func(t *testing.T) {
					want := scopeCode(t, row[i])
					if got := model.ScopeFor(r, e, a); got != want {
						t.Errorf("ScopeFor(%q, %q, %q): got %d, want %d", r, e, a, got, want)
					}
					if got, want := model.Can(r, e, a), want != model.ScopeNone; got != want {
						t.Errorf("Can(%q, %q, %q): got %v, want %v", r, e, a, got, want)
					}
				})
			}
		}
	}
}

// TestAccessRules restates the access rules as properties, so that a mistake
// in the hand-written matrix and the code agreeing by accident is less likely.
func TestAccessRules(t *testing.T) {
	owned := []model.Entity{model.EntityCustomer, model.EntityDeal}
	changes := []model.Action{model.ActCreate, model.ActUpdate, model.ActDelete}
	tests := []struct {
		name string
		r    model.Role
		e    model.Entity
		a    model.Action
		want model.Scope
	}{
		{"seller reads own customers", model.RoleSeller, model.EntityCustomer, model.ActRead, model.ScopeOwn},
		{"seller edits own deals", model.RoleSeller, model.EntityDeal, model.ActUpdate, model.ScopeOwn},
		{"seller cannot delete customers", model.RoleSeller, model.EntityCustomer, model.ActDelete, model.ScopeNone},
		{"seller cannot create users", model.RoleSeller, model.EntityUser, model.ActCreate, model.ScopeNone},
		{"accountant reads all customers", model.RoleAccountant, model.EntityCustomer, model.ActRead, model.ScopeAll},
		{"accountant deletes payments", model.RoleAccountant, model.EntityPayment, model.ActDelete, model.ScopeAll},
		{"head cannot create users", model.RoleHead, model.EntityUser, model.ActCreate, model.ScopeNone},
		{"head cannot update users", model.RoleHead, model.EntityUser, model.ActUpdate, model.ScopeNone},
		{"head cannot change settings", model.RoleHead, model.EntitySettings, model.ActUpdate, model.ScopeNone},
		{"admin creates users", model.RoleAdmin, model.EntityUser, model.ActCreate, model.ScopeAll},
		{"admin updates settings", model.RoleAdmin, model.EntitySettings, model.ActUpdate, model.ScopeAll},
		{"admin reads audit", model.RoleAdmin, model.EntityAudit, model.ActRead, model.ScopeAll},
		{"nobody rewrites audit", model.RoleAdmin, model.EntityAudit, model.ActUpdate, model.ScopeNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.ScopeFor(tc.r, tc.e, tc.a); got != tc.want {
				t.Errorf("ScopeFor(%q, %q, %q): got %d, want %d", tc.r, tc.e, tc.a, got, tc.want)
			}
		})
	}
	t.Run("seller never has ScopeAll on owned entities", func(t *testing.T) {
		for _, e := range owned {
			for _, a := range accessActions {
				if got := model.ScopeFor(model.RoleSeller, e, a); got == model.ScopeAll {
					t.Errorf("ScopeFor(seller, %q, %q): got ScopeAll, want ScopeOwn or ScopeNone", e, a)
				}
			}
		}
	})
	t.Run("accountant never changes customers", func(t *testing.T) {
		for _, a := range append(changes, model.ActShare) {
			if got := model.ScopeFor(model.RoleAccountant, model.EntityCustomer, a); got != model.ScopeNone {
				t.Errorf("ScopeFor(accountant, customer, %q): got %d, want ScopeNone", a, got)
			}
		}
	})
	t.Run("only admin manages users", func(t *testing.T) {
		for _, r := range model.Roles {
			for _, a := range changes {
				got := model.Can(r, model.EntityUser, a)
				want := r == model.RoleAdmin && a != model.ActDelete
				if got != want {
					t.Errorf("Can(%q, user, %q): got %v, want %v", r, a, got, want)
				}
			}
		}
	})
}

func TestScopeForUnknown(t *testing.T) {
	for _, r := range []model.Role{"", "Admin", "ADMIN", " admin", "root", "guest"} {
		for _, e := range accessEntities {
			for _, a := range accessActions {
				if got := model.ScopeFor(r, e, a); got != model.ScopeNone {
					t.Errorf("ScopeFor(%q, %q, %q): got %d, want ScopeNone", r, e, a, got)
				}
			}
		}
	}
	tests := []struct {
		name string
		e    model.Entity
		a    model.Action
	}{
		{"unknown entity", "invoice", model.ActRead},
		{"empty entity", "", model.ActRead},
		{"unknown action", model.EntityCustomer, "approve"},
		{"empty action", model.EntityCustomer, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.ScopeFor(model.RoleAdmin, tc.e, tc.a); got != model.ScopeNone {
				t.Errorf("ScopeFor(admin, %q, %q): got %d, want ScopeNone", tc.e, tc.a, got)
			}
		})
	}
}

func TestScopeOrder(t *testing.T) {
	if !(model.ScopeNone < model.ScopeOwn && model.ScopeOwn < model.ScopeAll) {
		t.Errorf("scopes: got none=%d own=%d all=%d, want narrowest first", model.ScopeNone, model.ScopeOwn, model.ScopeAll)
	}
	if got := model.ScopeNone; got != 0 {
		t.Errorf("ScopeNone: got %d, want 0 (the zero value denies)", got)
	}
}

func TestCanOnRecord(t *testing.T) {
	seller := model.User{ID: "u1", Role: model.RoleSeller}
	tests := []struct {
		name   string
		u      model.User
		e      model.Entity
		a      model.Action
		owner  string
		shared bool
		want   bool
	}{
		{"own scope, own record", seller, model.EntityCustomer, model.ActUpdate, "u1", false, true},
		{"own scope, own and shared", seller, model.EntityCustomer, model.ActUpdate, "u1", true, true},
		{"own scope, other's record", seller, model.EntityCustomer, model.ActUpdate, "u2", false, false},
		{"own scope, other's shared record", seller, model.EntityCustomer, model.ActUpdate, "u2", true, true},
		{"own scope, unowned record", seller, model.EntityCustomer, model.ActRead, "", false, false},
		{"own scope deal, other's", seller, model.EntityDeal, model.ActRead, "u2", false, false},
		{"own scope deal, shared", seller, model.EntityDeal, model.ActShare, "u2", true, true},
		{"no scope, own record", seller, model.EntityCustomer, model.ActDelete, "u1", false, false},
		{"no scope, shared record", seller, model.EntityCustomer, model.ActDelete, "u2", true, false},
		{"all scope, other's record", model.User{ID: "a1", Role: model.RoleAdmin}, model.EntityCustomer, model.ActDelete, "u2", false, true},
		{"all scope, head", model.User{ID: "h1", Role: model.RoleHead}, model.EntityDeal, model.ActUpdate, "u2", false, true},
		{"accountant reads other's customer", model.User{ID: "b1", Role: model.RoleAccountant}, model.EntityCustomer, model.ActRead, "u2", false, true},
		{"accountant cannot update own customer", model.User{ID: "b1", Role: model.RoleAccountant}, model.EntityCustomer, model.ActUpdate, "b1", false, false},
		{"unknown role, own record", model.User{ID: "x1", Role: "guest"}, model.EntityCustomer, model.ActRead, "x1", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := model.CanOnRecord(tc.u, tc.e, tc.a, tc.owner, tc.shared)
			if got != tc.want {
				t.Errorf("CanOnRecord(%+v, %q, %q, %q, %v): got %v, want %v", tc.u, tc.e, tc.a, tc.owner, tc.shared, got, tc.want)
			}
		})
	}
}

func TestRoleValid(t *testing.T) {
	tests := []struct {
		r    model.Role
		want bool
	}{
		{model.RoleAdmin, true},
		{model.RoleHead, true},
		{model.RoleSeller, true},
		{model.RoleAccountant, true},
		{"admin", true},
		{"", false},
		{"Admin", false},
		{"admin ", false},
		{"superuser", false},
		{"role.admin", false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.r), func(t *testing.T) {
			if got := tc.r.Valid(); got != tc.want {
				t.Errorf("Role(%q).Valid(): got %v, want %v", tc.r, got, tc.want)
			}
		})
	}
}
