package org.torchat.tui.ui;

/** What a piece of the screen is, for the {@link Theme} to colour; the drawing code names roles, never colours. */
enum Role {
    PLAIN,
    /** A peer's name in the list. */
    PEER,
    /** The peer being talked to. */
    CURRENT_PEER,
    /** The highlighted row while choosing a peer. */
    SELECTED_PEER,
    /** The "(3)" after a peer with unread messages. */
    UNREAD,
    /** Our own address and its title. */
    ADDRESS,
    /** The onion drawing and the separators. */
    FRAME,
    /** The requests section: title and addresses. */
    REQUEST,
    /** A request's first message. */
    REQUEST_TEXT,
    /** The line above the input while all is well. */
    STATUS,
    /** The same line while the daemon is unreachable. */
    STATUS_PROBLEM,
    /** {@code [HH:MM]}. */
    TIMESTAMP,
    /** {@code --- 2026-12-04 ---}. */
    DATE,
    /** What we wrote. */
    OWN_TEXT,
    /** What the peer wrote. */
    THEIR_TEXT,
    /** (queued), (sent). */
    MARK_PENDING,
    /** (delivered). */
    MARK_DELIVERED,
    /** (FAILED: why). */
    MARK_FAILED,
    /** (unverified) and the forged warning: never to be missed. */
    WARNING,
    /** The client's own notes. */
    NOTICE,
    /** A note that something went wrong ("! ..."). */
    ERROR,
    /** The "new messages" line at the first unread message. */
    NEW_MARKER,
    /** A search match. */
    MATCH,
    /** The input line's prompt. */
    PROMPT
}
