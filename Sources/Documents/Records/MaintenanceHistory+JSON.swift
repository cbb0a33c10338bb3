extension MaintenanceHistory {
    /// The record as a JSON value, exactly as its `Codable` form (absent optionals left out):
    /// an import writes 100,000 of them, and building the value directly spares each a round
    /// trip through `JSONEncoder` and the parser. `HistoryImportTests` holds the two forms equal.
    var jsonValue: JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "equipment": .string(equipment), "date": .string(date), "dateAsWritten": .string(dateAsWritten),
            "description": .string(description), "importedBy": .string(importedBy), "importedAt": .string(importedAt),
            "revision": .integer(Int64(revision)),
            "source": .object(["file": .string(source.file), "row": .integer(Int64(source.row)), "checksum": .string(source.checksum),
                               "equipment": .string(source.equipment)]),
        ]
        for (key, value) in [("time", time), ("type", type), ("technician", technician), ("part", part)] {
            if let value { fields[key] = .string(value) }
        }
        return .object(fields)
    }
}
