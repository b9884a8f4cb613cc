package docpdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // stamps, signatures and logos
	"image/png"
	"sync"

	"github.com/boombuler/barcode/qr"
	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
	xdraw "golang.org/x/image/draw"
)

// picture is an image the PDF library is known to accept, with its size
// in pixels.
type picture struct {
	data []byte
	ext  extension.Type
	w, h int
	sum  [32]byte
}

// maxPictureSide bounds a stamp's, signature's or logo's longer side in
// pixels: 40 mm at 300 dpi is 472. Bigger images are scaled down once, so
// that every document does not inflate and split a scanner's 3000-pixel
// PNG again.
const maxPictureSide = 640

// pictures caches loadPicture's verdicts by the content's hash: a batch of
// invoices carries the same stamp a thousand times.
var pictures struct {
	sync.Mutex
	m map[[32]byte]*picture // nil: unusable
}

// loadPicture checks an image the user supplied: nil when it is empty,
// neither PNG nor JPEG, or does not decode. A PNG or JPEG the PDF library
// cannot read (interlaced or 16-bit PNG, say) or one larger than
// maxPictureSide is decoded and written again as a plain PNG.
func loadPicture(b []byte) *picture {
	if len(b) == 0 {
		return nil
	}
	sum := sha256.Sum256(b)
	pictures.Lock()
	pic, ok := pictures.m[sum]
	pictures.Unlock()
	if ok {
		return pic
	}
	pic = checkPicture(b, sum)
	pictures.Lock()
	if pictures.m == nil || len(pictures.m) >= 64 {
		pictures.m = map[[32]byte]*picture{}
	}
	pictures.m[sum] = pic
	pictures.Unlock()
	return pic
}

func checkPicture(b []byte, sum [32]byte) *picture {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil
	}
	var ext extension.Type
	switch format {
	case "png":
		ext = extension.Png
	case "jpeg":
		ext = extension.Jpg
	default:
		return nil
	}
	// Decode it all once: a truncated file passes DecodeConfig.
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	if max(cfg.Width, cfg.Height) <= maxPictureSide && !pngAlpha(b) && pdfAccepts(b, ext) {
		return &picture{data: b, ext: ext, w: cfg.Width, h: cfg.Height, sum: sum}
	}
	return encodePicture(toNRGBA(img, maxPictureSide))
}

// pngAlpha tells a PNG with an alpha channel (colour types 4 and 6). The
// PDF library splits such an image into colour and mask by inflating and
// deflating it again for every document, which costs more than the rest of
// a page; encodePicture turns it into a colour-keyed RGB image once.
func pngAlpha(b []byte) bool {
	return len(b) > 25 && string(b[12:16]) == "IHDR" && (b[25] == 4 || b[25] == 6)
}

// encodePicture writes an image as a PNG the PDF library reads without
// re-encoding: translucent pixels are drawn over white and the transparent
// ones (alpha below one half) get a colour the image does not otherwise
// use, which a tRNS chunk marks as transparent (a colour-key mask). Stamps
// and signatures lose only the softness of their outer edge.
func encodePicture(img *image.NRGBA) *picture {
	key, transparent := flattenAlpha(img)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil
	}
	data := buf.Bytes()
	if transparent {
		data = withColourKey(data, key)
	}
	if !pdfAccepts(data, extension.Png) {
		return nil
	}
	return &picture{data: data, ext: extension.Png, w: img.Bounds().Dx(), h: img.Bounds().Dy(), sum: sha256.Sum256(data)}
}

// flattenAlpha makes img opaque: translucent pixels over white, transparent
// ones set to a key colour no opaque pixel has. transparent is false when
// no pixel was transparent (and key is unused).
func flattenAlpha(img *image.NRGBA) (key color.NRGBA, transparent bool) {
	used := make([]uint64, 1<<24/64)
	pix := img.Pix
	for i := 0; i+3 < len(pix); i += 4 {
		a := uint32(pix[i+3])
		if a < 128 {
			transparent = true
			continue
		}
		for c := 0; c < 3; c++ {
			pix[i+c] = uint8((uint32(pix[i+c])*a + 255*(255-a) + 127) / 255)
		}
		pix[i+3] = 255
		rgb := uint32(pix[i])<<16 | uint32(pix[i+1])<<8 | uint32(pix[i+2])
		used[rgb/64] |= 1 << (rgb % 64)
	}
	if !transparent {
		return key, false
	}
	for rgb := uint32(0xFF00FF); ; rgb = (rgb + 0x010203) & 0xFFFFFF {
		if used[rgb/64]&(1<<(rgb%64)) == 0 {
			key = color.NRGBA{R: uint8(rgb >> 16), G: uint8(rgb >> 8), B: uint8(rgb), A: 255}
			break
		}
	}
	for i := 0; i+3 < len(pix); i += 4 {
		if pix[i+3] < 128 {
			pix[i], pix[i+1], pix[i+2], pix[i+3] = key.R, key.G, key.B, 255
		}
	}
	return key, true
}

// withColourKey inserts a tRNS chunk naming the key colour after the IHDR
// chunk of an 8-bit RGB PNG.
func withColourKey(p []byte, key color.NRGBA) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	if len(p) < ihdrEnd || p[25] != 2 {
		return p
	}
	chunk := []byte{0, 0, 0, 6, 't', 'R', 'N', 'S', 0, key.R, 0, key.G, 0, key.B}
	crc := crc32.ChecksumIEEE(chunk[4:])
	chunk = binary.BigEndian.AppendUint32(chunk, crc)
	out := make([]byte, 0, len(p)+len(chunk))
	out = append(out, p[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, p[ihdrEnd:]...)
}

// toNRGBA copies an image into 8-bit RGBA, scaled down to at most side
// pixels on its longer side.
func toNRGBA(img image.Image, side int) *image.NRGBA {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if m := max(w, h); m > side {
		w, h = max(1, w*side/m), max(1, h*side/m)
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w == img.Bounds().Dx() && h == img.Bounds().Dy() {
		draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	} else {
		xdraw.CatmullRom.Scale(out, out.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	}
	return out
}

// pdfAccepts tells whether the PDF library reads the image.
func pdfAccepts(b []byte, ext extension.Type) bool {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("probe", gofpdf.ImageOptions{ImageType: string(ext)}, bytes.NewReader(b))
	return pdf.Ok()
}

// widened is the picture one transparent pixel column wider. The PDF
// library writes images in order of their width, and of two images of
// the same width in map order, which would make the bytes of a document
// vary from run to run: a document's pictures are made to differ in width.
func (pic *picture) widened() *picture {
	img, _, err := image.Decode(bytes.NewReader(pic.data))
	if err != nil {
		return pic
	}
	out := image.NewNRGBA(image.Rect(0, 0, pic.w+1, pic.h))
	draw.Draw(out, image.Rect(0, 0, pic.w, pic.h), img, img.Bounds().Min, draw.Src)
	if w := encodePicture(out); w != nil {
		return w
	}
	return pic
}

// distinct returns pic made to differ in width from the pictures the
// document already has (same content is fine: the library stores it once),
// and records it.
func (b *builder) distinct(pic *picture) *picture {
	if pic == nil {
		return nil
	}
	for tries := 0; tries < 8; tries++ {
		clash := false
		for _, o := range b.pics {
			if o.w == pic.w && o.sum != pic.sum {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
		pic = pic.widened()
	}
	b.pics = append(b.pics, pic)
	return pic
}

// fit places a picture inside a cell of cw×ch millimetres: as large as
// fits a box of bw×bh at (left, top), keeping its proportions. maroto
// sizes an image by a percentage of its cell, which this computes.
func (pic *picture) fit(cw, ch, left, top, bw, bh float64) core.Component {
	ratio := float64(pic.h) / float64(pic.w)
	w := min(bw, bh/ratio)
	var pct float64
	if ratio > ch/cw {
		pct = w * ratio / ch * 100
	} else {
		pct = w / cw * 100
	}
	return mimage.NewFromBytes(pic.data, pic.ext, props.Rect{Left: left, Top: top, Percent: min(pct, 100)})
}

// Quick-response code drawing.
const (
	qrQuiet  = 4 // modules of white around the code, as the standard asks
	qrModule = 2 // pixels per module: the PDF scales the image, crisp (no interpolation)
)

// qrCodes caches drawn codes by payload: the encoder tries all eight masks
// (several milliseconds), and an invoice is often previewed, then saved or
// sent.
var qrCodes struct {
	sync.Mutex
	m map[string]*picture
}

// qrPicture encodes a payload as a QR code of error-correction level M in
// byte mode (the payload's UTF-8 bytes), as both payment standards ask, and
// draws it as a grey-scale PNG with its quiet zone. maroto's own QR
// component picks the mode automatically, so it is not used.
func qrPicture(payload string) (*picture, error) {
	qrCodes.Lock()
	pic, ok := qrCodes.m[payload]
	qrCodes.Unlock()
	if ok {
		return pic, nil
	}
	pic, err := drawQR(payload)
	if err != nil {
		return nil, err
	}
	qrCodes.Lock()
	if qrCodes.m == nil || len(qrCodes.m) >= 64 {
		qrCodes.m = map[string]*picture{}
	}
	qrCodes.m[payload] = pic
	qrCodes.Unlock()
	return pic, nil
}

// drawQR is qrPicture without the cache.
func drawQR(payload string) (*picture, error) {
	code, err := qr.Encode(payload, qr.M, qr.Unicode)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	n := code.Bounds().Dx()
	side := (n + 2*qrQuiet) * qrModule
	img := image.NewGray(image.Rect(0, 0, side, side))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if color.GrayModel.Convert(code.At(code.Bounds().Min.X+x, code.Bounds().Min.Y+y)).(color.Gray).Y < 128 {
				r := image.Rect((x+qrQuiet)*qrModule, (y+qrQuiet)*qrModule, (x+qrQuiet+1)*qrModule, (y+qrQuiet+1)*qrModule)
				draw.Draw(img, r, image.NewUniform(color.Black), image.Point{}, draw.Src)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	return &picture{data: buf.Bytes(), ext: extension.Png, w: side, h: side, sum: sha256.Sum256(buf.Bytes())}, nil
}
