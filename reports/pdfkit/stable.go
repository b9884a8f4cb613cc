package pdfkit

import "bytes"

// ModifiedWhenCreated sets the PDF's /ModDate, which gofpdf fills with the
// clock and maroto offers no way to set, to its /CreationDate, so that the
// same document gives the same bytes. Both are D:YYYYMMDDHHmmSS, so the
// rewrite keeps every byte offset of the cross-reference table.
func ModifiedWhenCreated(pdf []byte) {
	const created, modified = "/CreationDate (D:", "/ModDate (D:"
	c := bytes.LastIndex(pdf, []byte(created))
	m := bytes.LastIndex(pdf, []byte(modified))
	if c < 0 || m < 0 {
		return
	}
	c, m = c+len(created), m+len(modified)
	if c+15 > len(pdf) || m+15 > len(pdf) || pdf[c+14] != ')' || pdf[m+14] != ')' {
		return
	}
	for i := 0; i < 14; i++ {
		if pdf[c+i] < '0' || pdf[c+i] > '9' || pdf[m+i] < '0' || pdf[m+i] > '9' {
			return
		}
	}
	copy(pdf[m:m+14], pdf[c:c+14])
}
