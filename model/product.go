package model

import (
	"bytes"
	"unicode/utf8"
)

// Message keys of the product checks.
const (
	MsgSKUTooLong     = "valid.sku.too_long"      // SKU longer than MaxSKULen characters
	MsgBarcode        = "valid.barcode"           // not a valid EAN-13
	MsgUnit           = "valid.unit"              // not an OKEI code of Units
	MsgPriceNegative  = "valid.price.negative"    // a price below zero
	MsgVAT            = "valid.vat"               // unknown VAT category
	MsgProductKind    = "valid.product.kind"      // unknown product kind
	MsgKitPricing     = "valid.kit.pricing"       // unknown kit pricing mode
	MsgWeightNegative = "valid.weight.negative"   // weight below zero
	MsgImageSize      = "valid.image.size"        // image larger than MaxImageBytes (key shared with the company logo)
	MsgImageFormat    = "valid.image.format"      // image neither PNG nor JPEG (key shared with the company logo)
	MsgNameTooLong    = "valid.product.name_long" // name longer than MaxProductNameLen characters
)

// Limits of a product's fields.
const (
	MaxSKULen         = 64
	MaxProductNameLen = 500     // long enough for any real name, short enough for a document line
	MaxImageBytes     = 2 << 20 // 2 MiB: images travel with backups and PDFs
)

// ValidEAN13 tells whether code is a valid EAN-13: exactly 13 ASCII digits
// whose last is the check digit (weights 1, 3, 1, 3 … over the first 12,
// check = (10 − sum mod 10) mod 10). No spaces are trimmed.
func ValidEAN13(code string) bool {
	if len(code) != 13 {
		return false
	}
	sum := 0
	for i := 0; i < 13; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return false
		}
		if i < 12 {
			sum += int(c-'0') * (1 + 2*(i%2))
		}
	}
	return (10-sum%10)%10 == int(code[12]-'0')
}

// Validate checks a product as Normalize leaves it (so "" kind, unit, VAT
// and kit pricing get their defaults first), reporting every bad field at
// once: name required (MsgRequired) and at most MaxProductNameLen
// characters, SKU at most MaxSKULen characters, barcode a valid EAN-13 when
// given, unit an OKEI code of Units, base, cost and floor prices ≥ 0, a
// known VAT category, a known kind, a known kit pricing for a kit, weight ≥
// 0, and an image of at most MaxImageBytes that starts like a PNG or JPEG.
// Fields are named as in AuditFields.
func (p Product) Validate() error {
	p = p.Normalize()
	var v ValidationErrors
	switch {
	case p.Name == "":
		v.Add("name", MsgRequired)
	case utf8.RuneCountInString(p.Name) > MaxProductNameLen:
		v.Add("name", MsgNameTooLong)
	}
	if utf8.RuneCountInString(p.SKU) > MaxSKULen {
		v.Add("sku", MsgSKUTooLong)
	}
	if p.Barcode != "" && !ValidEAN13(p.Barcode) {
		v.Add("barcode", MsgBarcode)
	}
	if _, ok := UnitByCode(p.UnitCode); !ok {
		v.Add("unit", MsgUnit)
	}
	for _, f := range []struct {
		field string
		m     Money
	}{{"base_price", p.BasePrice}, {"cost_price", p.CostPrice}, {"floor_price", p.FloorPrice}} {
		if f.m < 0 {
			v.Add(f.field, MsgPriceNegative)
		}
	}
	switch p.VAT {
	case VATStandard, VATReduced, VATZero, VATNone:
	default:
		v.Add("vat", MsgVAT)
	}
	switch p.Kind {
	case KindGoods, KindService:
	case KindKit:
		if p.KitPricing != KitSum && p.KitPricing != KitFixed {
			v.Add("kit_pricing", MsgKitPricing)
		}
	default:
		v.Add("kind", MsgProductKind)
	}
	if p.WeightGrams < 0 {
		v.Add("weight_grams", MsgWeightNegative)
	}
	switch {
	case len(p.Image) > MaxImageBytes:
		v.Add("image", MsgImageSize)
	case len(p.Image) > 0 && !isPNGOrJPEG(p.Image):
		v.Add("image", MsgImageFormat)
	}
	return v.Err()
}

// isPNGOrJPEG looks at the signature only; decoding is the UI's business.
func isPNGOrJPEG(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF})
}
