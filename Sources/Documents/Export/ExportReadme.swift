/// The `README.md` of an export folder: what it holds, and how an inspector checks it with stock
/// git alone, without recrepo.
enum ExportReadme {
    static func text(head: String, commits: Int, records: [String], exportedAt: String) -> String {
        let listed = records.count <= 20 ? records.joined(separator: ", ") : "\(records.count) records"
        return """
            # Records exported from recrepo

            Exported \(exportedAt) from the history at commit `\(head)` (\(commits) signed acts).
            Records in this export: \(listed).

            ## What is here

            - `history.bundle`: the complete signed history (git bundle v2): `main` and every checkpoint
              tag, with every object they reach. Each commit is one signed act.
            - `allowed_signers`: the public key of every account that ever signed, with its validity, in
              the form `git` needs to check the signatures. Principals are user IDs.
            - `<ID>.json`: a record as it stands at that commit, and every act that changed it: commit,
              time (UTC), signer (user ID), printed name, meaning, reason, revision.
            - `<ID>.html`: the same as a printable page, with the full signature manifestation of every act.

            ## Checking it with stock git alone

            ```
            git clone history.bundle records
            cd records
            git bundle verify ../history.bundle
            git fsck --full --strict
            git -c gpg.ssh.allowedSignersFile=../allowed_signers log --show-signature
            for c in $(git rev-list main); do git -c gpg.ssh.allowedSignersFile=../allowed_signers verify-commit $c || echo "BAD $c"; done
            ```

            (Some versions of git verify a bundle only inside a repository, hence the clone first.)

            Every commit must report a good signature by the principal that is its author's e-mail
            (the user ID). Each act's commit message ends with its signature manifestation as trailers:
            `Record`, `Revision`, `Meaning`, `Signer`, `Signer-Name`, `Signed-At`, `Reason`; see it with
            `git show <commit>`. A record's file at a commit (`git show <commit>:<path>`) is exactly what
            that signature covers; the commits named in `<ID>.json` and `<ID>.html` can be looked up the
            same way. `main` must contain every checkpoint tag: `git tag --list 'checkpoints/*'` and
            `git merge-base --is-ancestor <tag> main`.

            """
    }
}
