import Foundation
import QCodeKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the library's temporary files (a migrated copy being merged, a docx being read,
/// a copy or export being built) when the process is stopped by SIGINT, SIGTERM, SIGHUP or SIGPIPE,
/// then dies of the signal as it would have. A signal that was ignored when qcode started
/// (`nohup`) stays ignored; one that was blocked is unblocked. The workspace (`qcode tui`)
/// installs its own handlers while it runs, which remove them too (a team server's working copy).
enum TemporaryFileCleanup {
    static func install() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        // SIGPIPE too: `qcode show DOC --project URL | head` ends qcode when head closes the
        // pipe, and a team server's working copy (a private copy of transcripts) must go with it.
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            var current = sigaction()
            guard sigaction(number, nil, &current) == 0 else { continue }
            #if canImport(Glibc)
            let installed = current.__sigaction_handler.sa_handler
            #else
            let installed = current.__sigaction_u.__sa_handler
            #endif
            if unsafeBitCast(installed, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { number in
                TemporaryFiles.removeAllForSignal()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            #else
            action.__sigaction_u.__sa_handler = { number in
                TemporaryFiles.removeAllForSignal()
                Darwin.signal(number, SIG_DFL)
                raise(number)
            }
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
            sigaddset(&unblock, number)
        }
        // A parent may start qcode with these blocked (Foundation's Process passes its own
        // mask on); a handled signal must arrive. Threads started later inherit this mask.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
