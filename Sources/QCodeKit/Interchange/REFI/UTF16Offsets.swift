import Foundation

/// How a REFI-QDA file counts `startPosition` and `endPosition`.
public enum REFIPositionUnit: String, Sendable, Equatable {
    /// Unicode code points (what the standard says, and what qcode writes).
    case codePoints = "Unicode code points"
    /// UTF-16 code units (what NVivo writes: an emoji counts 2, CRLF counts 2).
    case utf16 = "UTF-16 code units"
}

/// A source's text as qcode stores it (BOM dropped, CRLF and CR as LF, NFC), with a map
/// from positions in the text as the file gave it to Unicode scalar offsets in the stored
/// text.
///
///     let t = SourceText(raw: "a😀\r\nb")
///     t.stored                              // "a😀\nb"
///     t.offset(5, unit: .utf16)             // 3, the "b" (UTF-16: a=0, 😀=1-2, CR=3, LF=4, b=5)
///     t.offset(4, unit: .codePoints)        // 3, the "b" again
struct SourceText {
    let stored: String
    /// Number of Unicode scalars in `stored`.
    let count: Int
    let rawScalarCount: Int
    let rawUTF16Count: Int
    /// Raw scalar index -> stored offset (`rawScalarCount + 1` entries); nil when identical.
    private let scalarMap: [Int32]?
    /// Raw UTF-16 index -> stored offset (`rawUTF16Count + 1` entries); nil when identical.
    private let utf16Map: [Int32]?

    init(raw input: String) {
        var raw = input
        if raw.unicodeScalars.first == "\u{FEFF}" { raw.unicodeScalars.removeFirst() }
        rawScalarCount = raw.unicodeScalars.count
        rawUTF16Count = raw.utf16.count
        let hasCR = raw.utf8.contains(ASCII.cr)
        if !hasCR, !TextNormalizer.mayChangeUnderNFC(raw) {
            stored = raw
            count = rawScalarCount
            scalarMap = nil
            utf16Map = rawUTF16Count == rawScalarCount ? nil : Self.utf16Map(raw, scalarMap: nil)
            return
        }
        // Character by character: CRLF and CR become LF, each cluster is put in NFC, and
        // every raw scalar inside a changed cluster maps to the cluster's start.
        var map: [Int32] = []
        map.reserveCapacity(rawScalarCount + 1)
        var out = String.UnicodeScalarView()
        var offset: Int32 = 0
        for character in raw {
            let scalars = character.unicodeScalars
            let replacement: String.UnicodeScalarView
            if character == "\r\n" || character == "\r" {
                replacement = "\n".unicodeScalars
            } else if scalars.allSatisfy({ $0.value < 0x300 }) {
                replacement = scalars
            } else {
                replacement = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
            }
            let same = replacement.elementsEqual(scalars)
            for (index, _) in scalars.enumerated() {
                map.append(same ? offset + Int32(index) : offset)
            }
            out.append(contentsOf: replacement)
            offset += Int32(replacement.count)
        }
        map.append(offset)
        stored = String(out)
        count = Int(offset)
        scalarMap = map
        utf16Map = Self.utf16Map(raw, scalarMap: map)
    }

    private static func utf16Map(_ raw: String, scalarMap: [Int32]?) -> [Int32] {
        var map: [Int32] = []
        map.reserveCapacity(raw.utf16.count + 1)
        var index = 0
        for scalar in raw.unicodeScalars {
            let target = scalarMap.map { $0[index] } ?? Int32(index)
            map.append(target)
            if scalar.utf16.count == 2 { map.append(target) }
            index += 1
        }
        map.append(scalarMap.map { $0[index] } ?? Int32(index))
        return map
    }

    /// The stored offset for a position counted in `unit` in the raw text, or nil when
    /// the position is outside it.
    func offset(_ position: Int, unit: REFIPositionUnit) -> Int? {
        switch unit {
        case .codePoints:
            guard position >= 0, position <= rawScalarCount else { return nil }
            return scalarMap.map { Int($0[position]) } ?? position
        case .utf16:
            guard position >= 0, position <= rawUTF16Count else { return nil }
            if let utf16Map { return Int(utf16Map[position]) }
            return scalarMap.map { Int($0[position]) } ?? position
        }
    }

    /// Whether the raw text has characters outside the Basic Multilingual Plane (the only
    /// case where the two units differ).
    var unitsDiffer: Bool { rawUTF16Count != rawScalarCount }
}

extension REFIPositionUnit {
    /// Chooses the unit for a project's selections.
    ///
    /// NVivo (by its `origin`) counts UTF-16 code units. For other files, where texts have
    /// characters beyond U+FFFF the two readings differ: the one that keeps more
    /// selections inside their text wins, then the one whose ends fall more often on word
    /// boundaries; code points (the standard) on a tie.
    static func detect(origin: String?, selections: [(text: SourceText, starts: [Int], ends: [Int])]) -> REFIPositionUnit {
        if let origin, origin.lowercased().hasPrefix("nvivo") { return .utf16 }
        var outside = [REFIPositionUnit.codePoints: 0, .utf16: 0]
        var boundaries = [REFIPositionUnit.codePoints: 0, .utf16: 0]
        for entry in selections where entry.text.unitsDiffer {
            let scalars = Array(entry.text.stored.unicodeScalars)
            for unit in [REFIPositionUnit.codePoints, .utf16] {
                for position in entry.starts + entry.ends {
                    guard let offset = entry.text.offset(position, unit: unit) else {
                        outside[unit]! += 1
                        continue
                    }
                    if isBoundary(scalars, offset) { boundaries[unit]! += 1 }
                }
            }
        }
        if outside[.utf16]! != outside[.codePoints]! {
            return outside[.utf16]! < outside[.codePoints]! ? .utf16 : .codePoints
        }
        return boundaries[.utf16]! > boundaries[.codePoints]! ? .utf16 : .codePoints
    }

    private static func isBoundary(_ scalars: [Unicode.Scalar], _ offset: Int) -> Bool {
        guard offset > 0, offset < scalars.count else { return true }
        func word(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        return !(word(scalars[offset - 1]) && word(scalars[offset]))
    }
}
