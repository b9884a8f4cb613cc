package model

import (
	"encoding/hex"
	"time"
)

// NewID builds a UUIDv7 (RFC 9562) from a time and 10 random bytes. IDs are
// time-ordered, so inserts append to indexes, and unique without a central
// counter, which a later shared-server or sync mode needs.
func NewID(now time.Time, random [10]byte) string {
	var u [16]byte
	ms := uint64(now.UnixMilli())
	u[0] = byte(ms >> 40)
	u[1] = byte(ms >> 32)
	u[2] = byte(ms >> 24)
	u[3] = byte(ms >> 16)
	u[4] = byte(ms >> 8)
	u[5] = byte(ms)
	copy(u[6:], random[:])
	u[6] = 0x70 | (u[6] & 0x0f) // version 7
	u[8] = 0x80 | (u[8] & 0x3f) // variant 10
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// IDTime returns the millisecond timestamp embedded in a UUIDv7, and false
// when id is not one.
func IDTime(id string) (time.Time, bool) {
	if len(id) != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-' || id[14] != '7' {
		return time.Time{}, false
	}
	raw, err := hex.DecodeString(id[0:8] + id[9:13] + id[14:18] + id[19:23] + id[24:])
	if err != nil || raw[8]&0xc0 != 0x80 {
		return time.Time{}, false
	}
	var ms int64
	for _, c := range raw[:6] {
		ms = ms<<8 | int64(c)
	}
	return time.UnixMilli(ms).UTC(), true
}

// NewIDSeq is NewID with a counter in the 18 bits after the timestamp (RFC
// 9562, method 1): IDs made in one millisecond with rising seq sort in seq
// order, so a bulk insert appends to every index keyed by ID. seq wraps
// after 262,144.
func NewIDSeq(now time.Time, seq uint32, random [10]byte) string {
	seq &= 1<<18 - 1
	random[0] = byte(seq >> 14)  // low nibble lands in rand_a's top 4 bits
	random[1] = byte(seq >> 6)   // rand_a's low byte
	random[2] = byte(seq & 0x3f) // the 6 bits after the variant
	return NewID(now, random)
}
