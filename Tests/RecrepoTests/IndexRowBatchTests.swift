import GRDB
@testable import RecordIndex
import Testing

/// The index's multi-row inserts bind and step SQLite statements themselves.
@Suite struct IndexRowBatchTests {
    @Test("a batch inserts every row, across full and partial batches, with nulls, integers and Unicode text")
    func rows() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, x TEXT)")
            var batch = try RowBatch(db, insert: "INSERT INTO t (k, n, x) VALUES", columns: 3)
            for number in 0..<700 {
                try batch.add("k\(number)".databaseValue, number.databaseValue, (number % 2 == 0 ? nil : "odd ü" as String?).databaseValue)
            }
            try batch.flush()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 700)
            let odd = try #require(try Row.fetchOne(db, sql: "SELECT n, x FROM t WHERE k = 'k7'"))
            #expect(odd["n"] as Int? == 7 && odd["x"] as String? == "odd ü")
            let even = try #require(try Row.fetchOne(db, sql: "SELECT n, x FROM t WHERE k = 'k698'"))
            #expect(even["n"] as Int? == 698 && even["x"] as String? == nil)
        }
    }

    @Test("a refused batch throws SQLite's error; the statement serves the next batch")
    func refused() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)")
            var first = try RowBatch(db, insert: "INSERT INTO t (k, n) VALUES", columns: 2)
            try first.add("a".databaseValue, 1.databaseValue)
            try first.add("a".databaseValue, 2.databaseValue)
            #expect {
                try first.flush()
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT && "\(error)".contains("UNIQUE")
            }
            var second = try RowBatch(db, insert: "INSERT INTO t (k, n) VALUES", columns: 2)
            try second.add("b".databaseValue, 3.databaseValue)
            try second.add("c".databaseValue, 4.databaseValue)
            try second.flush()
            #expect(try String.fetchAll(db, sql: "SELECT k FROM t ORDER BY k") == ["b", "c"])
        }
    }

    @Test("one statement stepped by hand: a row read with NULL as nil, no row as nil, a refusal as SQLite's error")
    func stepped() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t (k, v) VALUES (?, ?)")
            try insert.run(db, "a".databaseValue, "x".databaseValue)
            try insert.run(db, "b".databaseValue, DatabaseValue.null)
            #expect {
                try insert.run(db, "a".databaseValue, "y".databaseValue)
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
            }
            try insert.run(db, "c".databaseValue, "z".databaseValue)
            let lookup = try db.cachedStatement(sql: "SELECT v FROM t WHERE k = ?")
            #expect(try lookup.step(db, "a".databaseValue) { columnText($0, 0) } == .some("x"))
            #expect(try lookup.step(db, "b".databaseValue) { columnText($0, 0) } == .some(nil))
            #expect(try lookup.step(db, "none".databaseValue) { columnText($0, 0) } == nil)
            #expect(try String.fetchAll(db, sql: "SELECT k FROM t ORDER BY k") == ["a", "b", "c"])
        }
    }

    @Test("text is bound by its bytes: empty text is not NULL, a NUL inside and non-ASCII survive, integers and reals sit between")
    func boundText() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY, a TEXT, n INTEGER, b TEXT, r REAL, c TEXT)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t (k, a, n, b, r, c) VALUES (?, ?, ?, ?, ?, ?)")
            try insert.run(db, "one".databaseValue, "".databaseValue, 5.databaseValue, "a\u{0}b".databaseValue,
                           2.5.databaseValue, "Prüfung 検査 ✓".databaseValue)
            try insert.run(db, "two".databaseValue, "".databaseValue, DatabaseValue.null, "".databaseValue,
                           DatabaseValue.null, "".databaseValue)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT a IS NULL AS none, a, n, b, length(CAST(b AS BLOB)) AS size, r, c FROM t WHERE k = 'one'"))
            #expect(row["none"] as Bool? == false && row["a"] as String? == "")
            #expect(row["n"] as Int? == 5 && row["size"] as Int? == 3 && row["r"] as Double? == 2.5)
            #expect(row["c"] as String? == "Prüfung 検査 ✓")
            let lookup = try db.cachedStatement(sql: "SELECT b FROM t WHERE k = ?")
            #expect(try lookup.step(db, "one".databaseValue) { columnText($0, 0) } == .some("a\u{0}b"))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE k = 'two' AND a = '' AND b = '' AND c = ''") == 1)
        }
    }
}
