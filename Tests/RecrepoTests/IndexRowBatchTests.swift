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
}
