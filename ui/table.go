package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// column is a table column: its header key ("col.<key>") and width.
type column struct {
	key   string
	width float32
}

// newTable builds a table of text cells with its own header row above it.
// Fyne's built-in table headers create a separator per row on the first
// layout (seconds at a million rows), so the header is a separate row of
// labels of the same widths. Cells truncate with an ellipsis.
func newTable(a *App, cols []column, length func() (int, int), fill func(id widget.TableCellID, l *widget.Label)) (*widget.Table, fyne.CanvasObject) {
	header := container.NewHBox()
	for _, c := range cols {
		lbl := widget.NewLabelWithStyle(a.T("col."+c.key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		header.Add(container.NewGridWrap(fyne.NewSize(c.width, lbl.MinSize().Height), lbl))
	}
	t := widget.NewTable(length, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(id widget.TableCellID, o fyne.CanvasObject) { fill(id, o.(*widget.Label)) })
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t, header
}
