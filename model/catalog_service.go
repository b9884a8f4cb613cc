package model

import (
	"context"
	"time"
)

// ProductRow is a product as the list shows it: with its category name and
// stock summed over warehouses.
type ProductRow struct {
	Product
	Category  string
	OnHand    Qty
	Available Qty
}

// MovementFilter selects stock movements, newest first.
type MovementFilter struct {
	ProductID   string
	WarehouseID string // as source or destination
	From, To    time.Time
	Limit       int
}

// PriceLine is one order line to price: a product and its quantity.
type PriceLine struct {
	ProductID string
	Qty       Qty
}

// PriceSheet is a personalised price list: every active product's price for
// a customer or a customer group on a day, by category in tree order.
type PriceSheet struct {
	For      string // the customer's or group's name; "" for base prices
	Day      time.Time
	Currency Currency
	Tax      TaxSettings
	Sections []PriceSheetSection
}

// PriceSheetSection is one category of a price sheet ("" = uncategorised).
type PriceSheetSection struct {
	Category string
	Lines    []PriceSheetLine
}

// PriceSheetLine is a product, its price and how it was found, and the
// price at each quantity break that applies to it.
type PriceSheetLine struct {
	Product Product
	Price   PriceResult
	VAT     string // as printed: «22%», «Без НДС»
	Breaks  []SheetBreak
}

// SheetBreak is the unit price from a quantity up.
type SheetBreak struct {
	MinQty Qty
	Price  Money
}

// CatalogService is the catalog: products, categories, kits, warehouses and
// stock, currencies and rates, price lists. Reading is open to every role;
// changes follow the access table (EntityProduct, EntityPriceList,
// EntityStock, EntityCurrency). Methods return ErrForbidden, ErrNotFound,
// ErrStale (a changed version), ErrConflict (a taken SKU or name) and
// ValidationErrors.
type CatalogService interface {
	// FindProducts returns one page in the filter's order (keyset, or Offset for a jump).
	FindProducts(ctx context.Context, f ProductFilter) ([]ProductRow, error)
	// CountProducts counts what FindProducts would page through.
	CountProducts(ctx context.Context, f ProductFilter) (int, error)
	// FindProductByID loads a product with its image.
	FindProductByID(ctx context.Context, id string) (Product, error)
	// CreateProduct validates and stores a new product.
	CreateProduct(ctx context.Context, p Product) (Product, error)
	// UpdateProduct stores p if its Version is current (ErrStale otherwise).
	UpdateProduct(ctx context.Context, p Product) (Product, error)
	// DeleteProduct moves a product to the trash; RestoreProduct brings it back.
	DeleteProduct(ctx context.Context, id string) error
	RestoreProduct(ctx context.Context, id string) error

	// Categories lists the whole tree (parents before children, by Sort then name).
	Categories(ctx context.Context) ([]Category, error)
	// SaveCategory creates (empty ID) or renames/moves a category; a move
	// under its own descendant is refused.
	SaveCategory(ctx context.Context, c Category) (Category, error)
	// DeleteCategory refuses (ErrConflict) a category with products or subcategories.
	DeleteCategory(ctx context.Context, id string) error

	// KitComponents lists a kit's components in order; SetKitComponents replaces them.
	KitComponents(ctx context.Context, kitID string) ([]KitComponent, error)
	SetKitComponents(ctx context.Context, kitID string, comps []KitComponent) error

	// Warehouses lists every warehouse; SaveWarehouse creates or updates one.
	Warehouses(ctx context.Context) ([]Warehouse, error)
	SaveWarehouse(ctx context.Context, w Warehouse) (Warehouse, error)
	// MoveStock records a movement and updates the balances in one
	// transaction; a movement that would make stock negative is refused
	// (ErrInsufficientStock).
	MoveStock(ctx context.Context, m StockMovement) (StockMovement, error)
	// Stock returns a product's balances per warehouse.
	Stock(ctx context.Context, productID string) ([]StockBalance, error)
	// Movements lists movements, newest first.
	Movements(ctx context.Context, f MovementFilter) ([]StockMovement, error)

	// Currencies lists the currencies; SaveCurrency creates or updates one.
	Currencies(ctx context.Context) ([]Currency, error)
	SaveCurrency(ctx context.Context, c Currency) error
	// Rates returns, per currency, the latest rate on or before day.
	Rates(ctx context.Context, day time.Time) ([]ExchangeRate, error)
	// SaveRates stores rates (replacing those of the same currency and day),
	// all or none.
	SaveRates(ctx context.Context, rates []ExchangeRate) error
	// TaxSettings are the company's base currency and VAT convention.
	TaxSettings(ctx context.Context) (TaxSettings, error)
	SaveTaxSettings(ctx context.Context, t TaxSettings) error

	// PriceLists lists every price list; SavePriceList creates or updates one.
	PriceLists(ctx context.Context) ([]PriceList, error)
	SavePriceList(ctx context.Context, l PriceList) (PriceList, error)
	// DeletePriceList moves a price list to the trash: it no longer prices
	// anything; its prices stay with it.
	DeletePriceList(ctx context.Context, id string) error
	// PriceListItems lists an explicit list's prices; SetPriceListItems
	// replaces the given products' prices (a zero-price item with Remove set is deleted).
	PriceListItems(ctx context.Context, listID string) ([]PriceListItem, error)
	SetPriceListItems(ctx context.Context, listID string, items []PriceListItem, remove []string) error
	// AdjustPriceList changes every price of an explicit list (of one
	// category and its subcategories when categoryID is set) by bp basis
	// points (+500 = +5 %), quantity-break prices too, by the RoundDiv rule;
	// it returns how many products changed.
	AdjustPriceList(ctx context.Context, listID string, bp int64, categoryID string) (int, error)
	// IndividualPrices lists a customer's own prices; SaveIndividualPrice
	// creates or updates one; DeleteIndividualPrice removes one.
	IndividualPrices(ctx context.Context, customerID string) ([]IndividualPrice, error)
	SaveIndividualPrice(ctx context.Context, p IndividualPrice) (IndividualPrice, error)
	DeleteIndividualPrice(ctx context.Context, id string) error

	// PriceOrder resolves the unit price of every line for a customer ("" =
	// no customer: base prices) on day in currency ("" = base) by
	// ResolvePrice, reading everything involved once, from one snapshot.
	PriceOrder(ctx context.Context, customerID string, day time.Time, currency string, lines []PriceLine) ([]PriceResult, error)

	// PriceSheet prices every active product for a customer (customerID) or
	// a group (groupID; "" with no customer: base prices) on day in currency
	// ("" = base), as a printed price list shows them.
	PriceSheet(ctx context.Context, customerID, groupID string, day time.Time, currency string) (PriceSheet, error)

	// ImportProducts writes parsed rows in one transaction, like
	// CustomerService.ImportCustomers: rows matched by SKU, then barcode,
	// are updated (Update: only the cells the row fills) or skipped; the
	// rest are created, with their category path created where missing.
	// With problems in errs and without SkipInvalid it imports nothing.
	ImportProducts(ctx context.Context, rows []ProductImport, errs []RowError, o ImportOptions, progress func(ImportProgress)) (ImportResult, error)
}
