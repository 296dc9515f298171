package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.capability.Capability;

import java.util.List;

/**
 * One optional parameter of an OPEN message.
 */
public sealed interface OptionalParameter {

    /** The parameter type code. */
    int type();

    /** Capabilities (RFC 5492), the only optional parameter still in use. */
    record Capabilities(List<Capability> capabilities) implements OptionalParameter {

        public static final int TYPE = 2;

        public Capabilities {
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /** Any other parameter (such as the deprecated authentication parameter), kept as octets. */
    record Unknown(int type, Octets value) implements OptionalParameter {
    }
}
