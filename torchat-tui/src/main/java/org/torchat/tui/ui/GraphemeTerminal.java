package org.torchat.tui.ui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal, writing a cell's text whole. Lanterna writes a string char by char and encodes each
 * {@code char} alone, so the two halves of a character outside the Basic Multilingual Plane (every emoji) each
 * became {@code ?} on the wire, whatever the screen held. Here a string with such characters is encoded as a whole.
 * What reaches this point was made safe by {@link org.torchat.protocol.text.TerminalText}; control characters are
 * still replaced, as Lanterna would.
 */
final class GraphemeTerminal extends UnixTerminal {
    GraphemeTerminal(InputStream in, OutputStream out, Charset charset, CtrlCBehaviour ctrlC) throws IOException {
        super(in, out, charset, ctrlC);
    }

    @Override
    public void putString(String s) throws IOException {
        if (s.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            super.putString(s);
            return;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        writeToTerminal(b.toString().getBytes(getCharset()));
    }
}
