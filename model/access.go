package model

// Role is what a user may do in Sdelka.
type Role string

// The four roles. Stored as these strings; shown translated ("role.<name>").
const (
	RoleAdmin      Role = "admin"
	RoleHead       Role = "head"
	RoleSeller     Role = "seller"
	RoleAccountant Role = "accountant"
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleHead, RoleSeller, RoleAccountant}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// Entity names a kind of record for access rules and the audit log.
type Entity string

// Entities known to the access rules. Later capabilities add theirs here and a
// row per role in the scope table below.
const (
	EntityCompany     Entity = "company"
	EntityUser        Entity = "user"
	EntityCustomer    Entity = "customer"
	EntityContact     Entity = "contact"
	EntityInteraction Entity = "interaction"
	EntityRequest     Entity = "service_request"
	EntityGroup       Entity = "customer_group"
	EntityFilter      Entity = "saved_filter"
	EntityDeal        Entity = "deal"
	EntityDocument    Entity = "document"
	EntityPayment     Entity = "payment"
	EntityAudit       Entity = "audit"
	EntityBackup      Entity = "backup"
	EntitySession     Entity = "session"
	EntitySettings    Entity = "settings"
	EntityProduct     Entity = "product"    // products, categories, kits
	EntityPriceList   Entity = "price_list" // price lists, individual prices, customer groups' lists
	EntityStock       Entity = "stock"      // warehouses and stock movements
	EntityCurrency    Entity = "currency"   // currencies, exchange rates, tax settings
)

// Action is an operation on records of an entity.
type Action string

// Actions checked by the rules.
const (
	ActRead   Action = "read"
	ActCreate Action = "create"
	ActUpdate Action = "update"
	ActDelete Action = "delete"
	ActShare  Action = "share"
)

// Scope says which records of an entity a role may act on.
type Scope int

// Scopes, narrowest first.
const (
	ScopeNone Scope = iota // no records
	ScopeOwn               // records the user owns or that are shared with them
	ScopeAll               // every record
)

type accessKey struct {
	role   Role
	entity Entity
}

// scopes is the access table: for each role and entity, the scope per action.
// Anything absent is ScopeNone. Owned entities (customers, deals) give sellers
// their own records; the accountant works with documents and payments and may
// read customers, whose requisites every document needs, but not change them.
var scopes = map[accessKey]map[Action]Scope{
	{RoleAdmin, EntityCompany}:    {ActRead: ScopeAll, ActUpdate: ScopeAll},
	{RoleAdmin, EntityUser}:       {ActRead: ScopeAll, ActCreate: ScopeAll, ActUpdate: ScopeAll},
	{RoleAdmin, EntityCustomer}:   all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleAdmin, EntityDeal}:       all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleAdmin, EntityLead}:       all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleAdmin, EntityActivity}:   all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityApproval}:   {ActRead: ScopeAll, ActUpdate: ScopeAll},
	{RoleAdmin, EntityPipeline}:   all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityRouting}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityReverse}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityDocument}:   all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityPayment}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityAudit}:      {ActRead: ScopeAll},
	{RoleAdmin, EntityBackup}:     {ActRead: ScopeAll, ActCreate: ScopeAll, ActUpdate: ScopeAll},
	{RoleAdmin, EntitySettings}:   {ActRead: ScopeAll, ActUpdate: ScopeAll},
	{RoleAdmin, EntityProduct}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityPriceList}:  all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAdmin, EntityStock}:      all(ActRead, ActCreate),
	{RoleAdmin, EntityCurrency}:   all(ActRead, ActCreate, ActUpdate),
	{RoleAdmin, EntityAnalytics}:  {ActRead: ScopeAll},
	{RoleAdmin, EntityPlan}:       all(ActRead, ActUpdate),
	{RoleAdmin, EntityCommission}: all(ActRead, ActCreate, ActUpdate, ActDelete),

	{RoleHead, EntityCompany}:    {ActRead: ScopeAll},
	{RoleHead, EntityUser}:       {ActRead: ScopeAll},
	{RoleHead, EntityCustomer}:   all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleHead, EntityDeal}:       all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleHead, EntityLead}:       all(ActRead, ActCreate, ActUpdate, ActDelete, ActShare),
	{RoleHead, EntityActivity}:   all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleHead, EntityApproval}:   {ActRead: ScopeAll, ActUpdate: ScopeAll},
	{RoleHead, EntityPipeline}:   {ActRead: ScopeAll},
	{RoleHead, EntityRouting}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleHead, EntityReverse}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleHead, EntityDocument}:   all(ActRead, ActCreate, ActUpdate),
	{RoleHead, EntityPayment}:    {ActRead: ScopeAll},
	{RoleHead, EntityAudit}:      {ActRead: ScopeAll},
	{RoleHead, EntityBackup}:     {ActRead: ScopeAll, ActCreate: ScopeAll},
	{RoleHead, EntitySettings}:   {ActRead: ScopeAll},
	{RoleHead, EntityProduct}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleHead, EntityPriceList}:  all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleHead, EntityStock}:      all(ActRead, ActCreate),
	{RoleHead, EntityCurrency}:   all(ActRead, ActCreate, ActUpdate),
	{RoleHead, EntityAnalytics}:  {ActRead: ScopeAll},
	{RoleHead, EntityPlan}:       all(ActRead, ActUpdate),
	{RoleHead, EntityCommission}: all(ActRead, ActCreate, ActUpdate, ActDelete),

	{RoleSeller, EntityCompany}:    {ActRead: ScopeAll},
	{RoleSeller, EntityUser}:       {ActRead: ScopeAll},
	{RoleSeller, EntityCustomer}:   {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn, ActShare: ScopeOwn},
	{RoleSeller, EntityDeal}:       {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn, ActShare: ScopeOwn},
	{RoleSeller, EntityLead}:       {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn},
	{RoleSeller, EntityActivity}:   {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn, ActDelete: ScopeOwn},
	{RoleSeller, EntityApproval}:   {ActRead: ScopeOwn},
	{RoleSeller, EntityPipeline}:   {ActRead: ScopeAll},
	{RoleSeller, EntityRouting}:    {ActRead: ScopeAll},
	{RoleSeller, EntityReverse}:    {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn},
	{RoleSeller, EntityDocument}:   {ActRead: ScopeOwn, ActCreate: ScopeOwn, ActUpdate: ScopeOwn},
	{RoleSeller, EntityPayment}:    {ActRead: ScopeOwn},
	{RoleSeller, EntitySettings}:   {ActRead: ScopeAll},
	{RoleSeller, EntityProduct}:    {ActRead: ScopeAll},
	{RoleSeller, EntityPriceList}:  {ActRead: ScopeAll},
	{RoleSeller, EntityStock}:      {ActRead: ScopeAll},
	{RoleSeller, EntityCurrency}:   {ActRead: ScopeAll},
	{RoleSeller, EntityAnalytics}:  {ActRead: ScopeOwn},
	{RoleSeller, EntityPlan}:       {ActRead: ScopeOwn},
	{RoleSeller, EntityCommission}: {ActRead: ScopeOwn},

	{RoleAccountant, EntityCompany}:    {ActRead: ScopeAll, ActUpdate: ScopeAll},
	{RoleAccountant, EntityUser}:       {ActRead: ScopeAll},
	{RoleAccountant, EntityCustomer}:   {ActRead: ScopeAll},
	{RoleAccountant, EntityDocument}:   all(ActRead, ActCreate, ActUpdate),
	{RoleAccountant, EntityPayment}:    all(ActRead, ActCreate, ActUpdate, ActDelete),
	{RoleAccountant, EntityBackup}:     {ActRead: ScopeAll, ActCreate: ScopeAll},
	{RoleAccountant, EntitySettings}:   {ActRead: ScopeAll},
	{RoleAccountant, EntityProduct}:    {ActRead: ScopeAll},
	{RoleAccountant, EntityPriceList}:  {ActRead: ScopeAll},
	{RoleAccountant, EntityStock}:      all(ActRead, ActCreate),
	{RoleAccountant, EntityCurrency}:   all(ActRead, ActCreate, ActUpdate),
	{RoleAccountant, EntityAnalytics}:  {ActRead: ScopeAll},
	{RoleAccountant, EntityPlan}:       {ActRead: ScopeAll},
	{RoleAccountant, EntityCommission}: {ActRead: ScopeAll, ActUpdate: ScopeAll},
}

func all(acts ...Action) map[Action]Scope {
	m := make(map[Action]Scope, len(acts))
	for _, a := range acts {
		m[a] = ScopeAll
	}
	return m
}

// ScopeFor returns which records of entity e a user with role r may act on.
func ScopeFor(r Role, e Entity, a Action) Scope {
	return scopes[accessKey{r, e}][a]
}

// Can reports whether role r may perform a on at least some records of e.
func Can(r Role, e Entity, a Action) bool { return ScopeFor(r, e, a) != ScopeNone }

// CanOnRecord decides for one record: ownerID is the record's owner and shared
// says whether the record is shared with the user.
func CanOnRecord(u User, e Entity, a Action, ownerID string, shared bool) bool {
	switch ScopeFor(u.Role, e, a) {
	case ScopeAll:
		return true
	case ScopeOwn:
		return ownerID == u.ID || shared
	default:
		return false
	}
}
