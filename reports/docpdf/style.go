package docpdf

import "sdelka/reports/pdfkit"

// style is a font face and size (shared with the other documents).
type style = pdfkit.Style
