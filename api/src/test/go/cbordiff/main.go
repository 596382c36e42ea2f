// Command cbordiff is the seed's CBOR encoder and decoder, for CborGoDifferentialTest: the
// real fxamacker/cbor library with the options the seed sets (Sort: SortCanonical,
// Time: TimeRFC3339Nano, other encode options default; decode limits of 10,000 array
// elements, 10,000 map pairs and 16 nesting levels, other decode options default).
//
// It reads commands, one per line, and answers each with one line:
//
//	corpus           one "<name> <hex>" line per corpus value as Go encodes it, then "end"
//	dec <hex>        "ok <meaning>" or "err <message>": the bytes decoded into interface{}
//	typed <type> <hex>  "ok" or "err <message>": the bytes decoded into <type> only
//	rt <type> <hex>  "ok <hex> <meaning>" or "err <message>": the bytes decoded into <type>
//	                 (a struct of the corpus, or "any"), encoded again, and their meaning
//
// A meaning is a canonical rendering of what the bytes decode to (into interface{}):
// null, true, false, int(<decimal>), float(<hex of the float64 bits>|nan), text(<hex of the
// UTF-8>), bytes(<hex>), [a,b], {k:v,...} sorted by rendered key, tag<n>(<content>).
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// User is the seed's example struct.
type User struct {
	ID    int64  `cbor:"1,keyasint"`
	Name  string `cbor:"2,keyasint"`
	Email string `cbor:"3,keyasint"`
}

// Event nests a time, bytes, a struct and a map under integer keys.
type Event struct {
	At      time.Time      `cbor:"1,keyasint"`
	Payload []byte         `cbor:"2,keyasint"`
	By      User           `cbor:"3,keyasint"`
	Counts  map[string]int `cbor:"4,keyasint"`
}

// Mixed has integer and text keys of several lengths.
type Mixed struct {
	One    int    `cbor:"1,keyasint"`
	Big    int    `cbor:"300,keyasint"`
	C      string `cbor:"c"`
	Long   string `cbor:"a_longer_name"`
	Accent string `cbor:"é"`
}

// Omit has omitempty on fields of every kind.
type Omit struct {
	I     int            `cbor:"i,omitempty"`
	L     int64          `cbor:"l,omitempty"`
	U     uint32         `cbor:"u,omitempty"`
	B     bool           `cbor:"b,omitempty"`
	D     float64        `cbor:"d,omitempty"`
	F     float32        `cbor:"f,omitempty"`
	S     string         `cbor:"s,omitempty"`
	List  []string       `cbor:"list,omitempty"`
	Map   map[string]int `cbor:"map,omitempty"`
	Bytes []byte         `cbor:"bytes,omitempty"`
	P     *int           `cbor:"p,omitempty"`
	K     int            `cbor:"1,keyasint,omitempty"`
}

// Containers tells nil from empty.
type Containers struct {
	L []int          `cbor:"l"`
	M map[string]int `cbor:"m"`
	S []string       `cbor:"s"`
	B []byte         `cbor:"b"`
	P *User          `cbor:"p"`
}

// Floats has both widths.
type Floats struct {
	D float64 `cbor:"d"`
	F float32 `cbor:"f"`
}

var targets = map[string]func() interface{}{
	"any":        func() interface{} { var v interface{}; return &v },
	"User":       func() interface{} { return &User{} },
	"Event":      func() interface{} { return &Event{} },
	"Mixed":      func() interface{} { return &Mixed{} },
	"Omit":       func() interface{} { return &Omit{} },
	"Containers": func() interface{} { return &Containers{} },
	"Floats":     func() interface{} { return &Floats{} },
	"Ints":       func() interface{} { return &[]interface{}{} },
	"Float64s":   func() interface{} { return &[]float64{} },
	"Float32s":   func() interface{} { return &[]float32{} },
	"Times":      func() interface{} { return &[]time.Time{} },
	"Strings":    func() interface{} { return &[]string{} },
	"Bytes":      func() interface{} { return &[][]byte{} },
	"Keys":       func() interface{} { return &map[string]int{} },
	"Bigs":       func() interface{} { return &[]*big.Int{} },
}

func main() {
	em, err := cbor.EncOptions{Sort: cbor.SortCanonical, Time: cbor.TimeRFC3339Nano}.EncMode()
	check(err)
	dm, err := cbor.DecOptions{MaxArrayElements: 10000, MaxMapPairs: 10000,
		MaxNestedLevels: 16}.DecMode()
	check(err)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		answer(out, em, dm, strings.Fields(in.Text()))
		out.Flush()
	}
	check(in.Err())
}

func answer(out *bufio.Writer, em cbor.EncMode, dm cbor.DecMode, fields []string) {
	if len(fields) == 0 {
		fmt.Fprintln(out, "err empty command")
		return
	}
	switch fields[0] {
	case "corpus":
		for _, c := range corpus() {
			b, err := em.Marshal(c.value)
			check(err)
			fmt.Fprintf(out, "%s %x\n", c.name, b)
		}
		fmt.Fprintln(out, "end")
	case "dec":
		var v interface{}
		if err := dm.Unmarshal(unhex(fields, 1), &v); err != nil {
			fmt.Fprintf(out, "err %s\n", oneLine(err))
			return
		}
		fmt.Fprintf(out, "ok %s\n", meaning(v))
	case "typed":
		target, ok := targets[fields[1]]
		if !ok {
			fmt.Fprintf(out, "err unknown type %s\n", fields[1])
			return
		}
		if err := dm.Unmarshal(unhex(fields, 2), target()); err != nil {
			fmt.Fprintf(out, "err %s\n", oneLine(err))
			return
		}
		fmt.Fprintln(out, "ok")
	case "rt":
		target, ok := targets[fields[1]]
		if !ok {
			fmt.Fprintf(out, "err unknown type %s\n", fields[1])
			return
		}
		data := unhex(fields, 2)
		p := target()
		if err := dm.Unmarshal(data, p); err != nil {
			fmt.Fprintf(out, "err %s\n", oneLine(err))
			return
		}
		b, err := em.Marshal(reflect.ValueOf(p).Elem().Interface())
		if err != nil {
			fmt.Fprintf(out, "err encode: %s\n", oneLine(err))
			return
		}
		var v interface{}
		if err := dm.Unmarshal(data, &v); err != nil {
			fmt.Fprintf(out, "err %s\n", oneLine(err))
			return
		}
		fmt.Fprintf(out, "ok %x %s\n", b, meaning(v))
	default:
		fmt.Fprintf(out, "err unknown command %s\n", fields[0])
	}
}

func unhex(fields []string, at int) []byte {
	if len(fields) <= at {
		return []byte{}
	}
	b, err := hex.DecodeString(fields[at])
	check(err)
	return b
}

func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func meaning(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case uint64:
		return "int(" + strconv.FormatUint(x, 10) + ")"
	case int64:
		return "int(" + strconv.FormatInt(x, 10) + ")"
	case big.Int:
		return "int(" + x.String() + ")"
	case *big.Int:
		return "int(" + x.String() + ")"
	case float64:
		if math.IsNaN(x) {
			return "float(nan)"
		}
		return "float(" + strconv.FormatUint(math.Float64bits(x), 16) + ")"
	case float32:
		return meaning(float64(x))
	case string:
		return "text(" + hex.EncodeToString([]byte(x)) + ")"
	case []byte:
		return "bytes(" + hex.EncodeToString(x) + ")"
	case []interface{}:
		items := make([]string, len(x))
		for i, item := range x {
			items[i] = meaning(item)
		}
		return "[" + strings.Join(items, ",") + "]"
	case map[interface{}]interface{}:
		entries := make([]string, 0, len(x))
		for k, item := range x {
			entries = append(entries, meaning(k)+":"+meaning(item))
		}
		sort.Strings(entries)
		return "{" + strings.Join(entries, ",") + "}"
	case cbor.Tag:
		return "tag" + strconv.FormatUint(x.Number, 10) + "(" + meaning(x.Content) + ")"
	case time.Time:
		return "time(" + x.UTC().Format(time.RFC3339Nano) + ")"
	default:
		return fmt.Sprintf("unknown(%T)", x)
	}
}

type entry struct {
	name  string
	value interface{}
}

func pow2(n uint) *big.Int {
	return new(big.Int).Lsh(big.NewInt(1), n)
}

func neg(b *big.Int) *big.Int {
	return new(big.Int).Neg(b)
}

func minus1(b *big.Int) *big.Int {
	return new(big.Int).Sub(b, big.NewInt(1))
}

func nested(levels int, leaf interface{}, asMap bool) interface{} {
	v := leaf
	for i := 0; i < levels; i++ {
		if asMap {
			v = map[string]interface{}{"a": v}
		} else {
			v = []interface{}{v}
		}
	}
	return v
}

// corpus must list the same names, in the same order, as CborGoDifferentialTest.corpus().
func corpus() []entry {
	negZero64 := math.Copysign(0, -1)
	negZero32 := float32(negZero64)
	base := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	var times []time.Time
	for _, ns := range []int{0, 100000000, 120000000, 123000000, 123400000, 123450000,
		123456000, 123456700, 123456780, 123456789, 1, 10, 500, 999999999} {
		times = append(times, base.Add(time.Duration(ns)))
	}
	times = append(times, time.Date(1, 1, 1, 0, 0, 0, 500000000, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 900000000, time.UTC))
	seven := 7
	return []entry{
		{"user", User{ID: 123, Name: "Alice", Email: "alice@example.com"}},
		{"user-zero", User{}},
		{"event", Event{At: time.Date(2024, 5, 6, 7, 8, 9, 500000000, time.UTC),
			Payload: []byte{0, 1, 0xff}, By: User{1, "Bob", "bob@example.com"},
			Counts: map[string]int{"views": 3, "likes": 1}}},
		{"mixed", Mixed{One: 1, Big: 300, C: "c", Long: "long", Accent: "é"}},
		{"ints", []interface{}{int64(0), int64(1), int64(23), int64(24), int64(255), int64(256),
			int64(65535), int64(65536), int64(4294967295), int64(4294967296),
			int64(math.MaxInt64), int64(-1), int64(-24), int64(-25), int64(-256), int64(-257),
			int64(-65536), int64(-65537), int64(-4294967296), int64(-4294967297),
			int64(math.MinInt64), uint64(math.MaxUint64)}},
		{"bigs", []*big.Int{pow2(64), neg(pow2(64)), minus1(pow2(64)), minus1(neg(pow2(64))),
			pow2(100), neg(pow2(100)), big.NewInt(5), big.NewInt(-5), new(big.Int)}},
		{"floats64", []float64{0, negZero64, 1.5, -2.25, 0.1, math.MaxFloat64,
			math.SmallestNonzeroFloat64, 2.2250738585072014e-308, math.NaN(), math.Inf(1),
			math.Inf(-1)}},
		{"floats32", []float32{0, negZero32, 1.5, 0.1, math.MaxFloat32,
			math.SmallestNonzeroFloat32, float32(math.NaN()), float32(math.Inf(1)),
			float32(math.Inf(-1))}},
		{"floats", Floats{D: math.NaN(), F: float32(math.Inf(-1))}},
		{"times", times},
		{"times-offset", []time.Time{
			time.Date(2024, 1, 2, 5, 4, 5, 100, time.FixedZone("", 2*3600)),
			time.Date(2024, 1, 1, 22, 4, 5, 0, time.FixedZone("", -5*3600)),
			time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.FixedZone("", 5*3600+1800)),
			time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}},
		{"dates", []time.Time{time.Date(2024, 1, 2, 3, 4, 5, 100000000, time.UTC),
			time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			time.Date(2024, 1, 2, 3, 4, 5, 123000000, time.UTC),
			time.Date(1969, 12, 31, 23, 59, 59, 900000000, time.UTC),
			time.Date(1500, 3, 1, 12, 0, 0, 0, time.UTC),
			time.Date(1, 1, 1, 0, 0, 0, 500000000, time.UTC)}},
		{"keys", map[string]int{"a": 1, "b": 2, "aa": 3, "é": 4, "😀": 5, "\ue000": 6,
			"\ue0008": 7, "\ue000123": 8, "": 9, "z": 10, "zz": 11, "€": 12, "ｚ": 13, "A": 14,
			"\u0080": 15, "\uffff": 16, "\U0010ffff": 17, "a_much_longer_key_than_the_rest": 18}},
		{"strings", []string{"", "a", "é", "😀", "\u0000", strings.Repeat("x", 23),
			strings.Repeat("x", 24), strings.Repeat("é", 128), strings.Repeat("y", 256),
			strings.Repeat("z", 65536)}},
		{"bytes", [][]byte{{}, {0}, make([]byte, 24), make([]byte, 256)}},
		{"omit-zero", Omit{}},
		{"omit-empty", Omit{List: []string{}, Map: map[string]int{}, Bytes: []byte{}}},
		{"omit-negative-zero", Omit{D: negZero64, F: negZero32}},
		{"omit-set", Omit{I: -1, L: 1 << 40, U: 7, B: true, D: math.NaN(), F: 0.5, S: "s",
			List: []string{"a"}, Map: map[string]int{"k": 1}, Bytes: []byte{1}, P: &seven,
			K: 2}},
		{"containers-nil", Containers{}},
		{"containers-empty", Containers{L: []int{}, M: map[string]int{}, S: []string{},
			B: []byte{}, P: &User{}}},
		{"nest16", nested(16, int64(1), false)},
		{"nest17", nested(17, int64(1), false)},
		{"maps16", nested(16, int64(1), true)},
		{"maps17", nested(17, int64(1), true)},
		{"mixed-values", []interface{}{true, false, nil, "text", []byte{1, 2},
			map[string]interface{}{"k": []interface{}{}}}},
		// Go writes these; Java reads them but writes the same value differently.
		{"decode-only-time-offset", []time.Time{
			time.Date(2024, 1, 2, 5, 4, 5, 100, time.FixedZone("", 2*3600)),
			time.Date(2024, 1, 1, 22, 4, 5, 0, time.FixedZone("", -5*3600))}},
	}
}
