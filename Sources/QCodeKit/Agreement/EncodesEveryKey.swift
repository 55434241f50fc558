/// A report whose JSON always has every key of its `CodingKeys`, `null` for a value that
/// is nil (a statistic undefined or not applicable; `notes` says why), where synthesized
/// `Encodable` would leave the key out.
///
/// Each key is matched with the stored property of the same name: the key's JSON name
/// without underscores equals the property's name ignoring case (`cohen_kappa_se` and
/// `cohenKappaSE`). A key with no such property is a programming error.
protocol EncodesEveryKey: Encodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension EncodesEveryKey {
    /// Encodes every key but `skipped`, in the order `CodingKeys` declares them.
    func encodeEveryKey(to encoder: Encoder, except skipped: [CodingKeys] = []) throws {
        var values: [String: Any] = [:]
        for case (let label?, let value) in Mirror(reflecting: self).children {
            values[label.lowercased()] = value
        }
        let skippedNames = Set(skipped.map(\.stringValue))
        var container = encoder.container(keyedBy: CodingKeys.self)
        for key in CodingKeys.allCases where !skippedNames.contains(key.stringValue) {
            guard let value = values[key.stringValue.replacingOccurrences(of: "_", with: "").lowercased()] as? any Encodable else {
                preconditionFailure("\(Self.self) has no encodable property for the key \(key.stringValue)")
            }
            try container.encode(value, forKey: key)
        }
    }
}
