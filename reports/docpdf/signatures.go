package docpdf

import (
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// signer is one signature line: the position, a line to sign on, and the
// name.
type signer struct {
	role, name string
	sign       bool // the company's signature image goes on the line
}

// side is one party's signatures.
type side struct {
	title   string // above the lines, in bold (a party's name); "" for none
	signers []signer
	stamp   bool // the company's stamp image (when it has one)
	mark    bool // «М.П.» where the stamp goes
}

// Signature block geometry, millimetres.
const (
	signStep    = 11.0 // per signer
	signLineY   = 7.5  // the line, from the signer's top
	signImageH  = 8.0  // a signature image's height at most
	stampSide   = 30.0 // a stamp's diameter at most
	signGap     = 6    // between two sides
	signMarkH   = 7.0  // the «М.П.» line
	signTopPad  = 1.0
	captionDrop = 0.3 // the caption under a line
)

// signatures lays out one or two sides in one row each party's column
// (a title row above when a side has a title): for each signer the role,
// a line with «подпись» under it (the company's signature image on it when
// sign), the name over a line with «расшифровка подписи»; then «М.П.» and
// the company's stamp image when asked. An image that does not decode is
// left out with a warning.
func (b *builder) signatures(sides ...side) []sized {
	grid := b.g.grid()
	var out []sized
	sideW := grid
	if len(sides) > 1 {
		sideW = (grid - signGap) / 2
	}
	hasTitle := false
	for _, s := range sides {
		hasTitle = hasTitle || s.title != ""
	}
	if hasTitle {
		var cells []cell
		for i, s := range sides {
			if i > 0 {
				cells = append(cells, cell{w: grid - 2*sideW})
			}
			cells = append(cells, cell{w: sideW, paras: []para{p(s.title, boldStyle, 3)}})
		}
		out = append(out, b.plainRow(cells...))
	}

	var stamp, signature *picture
	for _, s := range sides {
		if s.stamp && stamp == nil {
			stamp = b.companyPicture(b.p.Company.Stamp, "stamp")
		}
		for _, sg := range s.signers {
			if sg.sign && signature == nil {
				signature = b.companyPicture(b.p.Company.Signature, "signature")
			}
		}
	}

	height := 0.0
	for _, s := range sides {
		h := signTopPad + float64(len(s.signers))*signStep
		if s.mark {
			h += signMarkH
		}
		height = max(height, h)
	}
	single := len(sides) == 1
	if single && sides[0].stamp && stamp != nil {
		height = max(height, stampSide+1)
	}

	var cells []cell
	for i, s := range sides {
		if i > 0 {
			cells = append(cells, cell{w: grid - 2*sideW})
		}
		roleW, lineW := sideW*30/100, sideW*30/100
		if single {
			roleW, lineW = 36, 40
		}
		nameW := sideW - roleW - lineW
		if single {
			nameW = 54
		}
		cells = append(cells, b.signColumns(s, roleW, lineW, nameW, height, signature, stamp, !single)...)
		if single {
			stampW := grid - roleW - lineW - nameW
			c := cell{w: stampW}
			if s.stamp && stamp != nil {
				c.draw = func(w, h float64) []core.Component {
					side := min(w-6, h, stampSide)
					return []core.Component{stamp.fit(w, h, 6, max(0, h-side)/2, side, side)}
				}
			}
			cells = append(cells, c)
		}
	}
	out = append(out, b.rowOf(0, 0, height, cells...))
	return out
}

// signColumns are the role, line and name columns of one side.
//
// With stampInLine the stamp image goes over the line column (two sides
// side by side leave no room for a column of its own).
func (b *builder) signColumns(s side, roleW, lineW, nameW int, height float64, signature, stamp *picture, stampInLine bool) []cell {
	hline := func(y float64) core.Component {
		return line.New(props.Line{Thickness: 0.2, Color: black, OffsetPercent: y / height * 100, SizePercent: 100})
	}
	var role, sign, name []core.Component
	for i, sg := range s.signers {
		y0 := signTopPad + float64(i)*signStep
		lines, h := b.lay(float64(roleW)-1, p(sg.role, bodyStyle, 2))
		role = append(role, components(lines, 0, 1, y0+signLineY-h, align.Left)...)

		sign = append(sign, hline(y0+signLineY))
		cap, _ := b.lay(float64(lineW), para{text: b.l.signature, st: smallStyle, color: grey, max: 1})
		sign = append(sign, components(cap, 0, 0, y0+signLineY+captionDrop, align.Center)...)
		if sg.sign && signature != nil {
			sign = append(sign, signature.fit(float64(lineW), height, 1, y0+signLineY-signImageH+1.5, float64(lineW)-2, signImageH))
		}

		name = append(name, hline(y0+signLineY))
		nl, nh := b.lay(float64(nameW)-2, p(sg.name, bodyStyle, 2))
		name = append(name, components(nl, 1, 1, y0+signLineY-nh, align.Left)...)
		cap, _ = b.lay(float64(nameW), para{text: b.l.fullName, st: smallStyle, color: grey, max: 1})
		name = append(name, components(cap, 0, 0, y0+signLineY+captionDrop, align.Center)...)
	}
	if s.mark {
		y := signTopPad + float64(len(s.signers))*signStep + 1
		ml, _ := b.lay(float64(roleW), p(b.l.stamp, bodyStyle, 1))
		role = append(role, components(ml, 0, 0, y, align.Left)...)
	}
	if stampInLine && s.stamp && stamp != nil {
		// Over the lower signature line, as a stamp is put on paper.
		side := min(float64(lineW), height, stampSide)
		sign = append(sign, stamp.fit(float64(lineW), height, 0, max(0, height-side), side, side))
	}
	return []cell{
		{w: roleW, draw: func(w, h float64) []core.Component { return role }},
		{w: lineW, draw: func(w, h float64) []core.Component { return sign }},
		{w: nameW, draw: func(w, h float64) []core.Component { return name }},
	}
}

// companyPicture loads the company's stamp or signature, with a warning
// when there are bytes that do not make an image.
func (b *builder) companyPicture(data []byte, what string) *picture {
	if len(data) == 0 {
		return nil
	}
	pic := loadPicture(data)
	if pic == nil {
		b.warn("the company's %s is not a PNG or JPEG image that decodes: left out", what)
		return nil
	}
	return b.distinct(pic)
}
