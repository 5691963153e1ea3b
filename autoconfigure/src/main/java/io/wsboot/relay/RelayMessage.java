package io.wsboot.relay;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One registry call, on its way to the other instances: what kind of delivery, to whom,
 * and the message, text or binary, carried byte for byte.
 *
 * @param kind the kind of delivery
 * @param origin the id of the instance that sent it
 * @param target the endpoint id, topic, connection id or principal name, by kind
 * @param except the id of the connection left out, for the {@code _EXCEPT} kinds
 * @param text the text message, or {@code null} for a binary one
 * @param data the binary message, or {@code null} for a text one
 * @since 0.1.0
 */
public record RelayMessage(Kind kind, String origin, String target, @Nullable String except, @Nullable String text,
		byte @Nullable [] data) {

	private static final int VERSION = 1;

	/**
	 * Create a message, with exactly one of {@code text} and {@code data}.
	 */
	public RelayMessage {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(target, "target");
		if ((text == null) == (data == null)) {
			throw new IllegalArgumentException("A relay message has either a text or binary payload");
		}
	}

	/**
	 * Create a text message.
	 * @param kind the kind of delivery
	 * @param origin the id of the sending instance
	 * @param target the target, by kind
	 * @param except the id of the connection left out, or {@code null}
	 * @param text the message
	 * @return the relay message
	 */
	public static RelayMessage text(Kind kind, String origin, String target, @Nullable String except, String text) {
		return new RelayMessage(kind, origin, target, except, text, null);
	}

	/**
	 * Create a binary message.
	 * @param kind the kind of delivery
	 * @param origin the id of the sending instance
	 * @param target the target, by kind
	 * @param except the id of the connection left out, or {@code null}
	 * @param data the message, owned by the relay message from now on
	 * @return the relay message
	 */
	public static RelayMessage binary(Kind kind, String origin, String target, @Nullable String except, byte[] data) {
		return new RelayMessage(kind, origin, target, except, null, data);
	}

	/**
	 * Return whether the message is a text message.
	 * @return {@code true} for text, {@code false} for binary
	 */
	public boolean isText() {
		return this.text != null;
	}

	/**
	 * Encode the message for a broker: a version byte, the kind, the origin, target and
	 * except as UTF-8 with their lengths, then the payload's type and bytes.
	 * @return the encoded message
	 */
	public byte[] encode() {
		byte[] payload = (this.text != null) ? this.text.getBytes(StandardCharsets.UTF_8) : this.data;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + this.target.length() + 64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(this.kind.ordinal());
			writeString(out, this.origin);
			writeString(out, this.target);
			writeString(out, (this.except != null) ? this.except : "");
			out.writeBoolean(this.except != null);
			out.writeBoolean(this.text != null);
			out.writeInt(payload.length);
			out.write(payload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Decode a message {@link #encode() encoded} by any instance.
	 * @param encoded the bytes
	 * @return the message
	 * @throws IllegalArgumentException when the bytes are not a relay message
	 */
	public static RelayMessage decode(byte[] encoded) {
		try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("Unknown relay message version " + version);
			}
			int ordinal = in.readUnsignedByte();
			if (ordinal >= Kind.values().length) {
				throw new IllegalArgumentException("Unknown relay message kind " + ordinal);
			}
			Kind kind = Kind.values()[ordinal];
			String origin = readString(in);
			String target = readString(in);
			String except = readString(in);
			boolean hasExcept = in.readBoolean();
			boolean isText = in.readBoolean();
			byte[] payload = new byte[in.readInt()];
			in.readFully(payload);
			return new RelayMessage(kind, origin, target, hasExcept ? except : null,
					isText ? new String(payload, StandardCharsets.UTF_8) : null, isText ? null : payload);
		}
		catch (IOException | NegativeArraySizeException ex) {
			throw new IllegalArgumentException("Not a relay message", ex);
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readString(DataInputStream in) throws IOException {
		byte[] bytes = new byte[in.readInt()];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RelayMessage that && this.kind == that.kind
				&& this.origin.equals(that.origin) && this.target.equals(that.target)
				&& Objects.equals(this.except, that.except) && Objects.equals(this.text, that.text)
				&& Arrays.equals(this.data, that.data));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.origin, this.target, this.except, this.text, Arrays.hashCode(this.data));
	}

	@Override
	public String toString() {
		return "RelayMessage[kind=" + this.kind + ", origin=" + this.origin + ", target=" + this.target
				+ ((this.except != null) ? ", except=" + this.except : "")
				+ (isText() ? ", text of " + this.text.length() + " chars" : ", " + this.data.length + " bytes") + "]";
	}

	/**
	 * The registry call a message stands for, and the channel it travels on.
	 */
	public enum Kind {

		/** {@code broadcast(endpointId, ...)}: the target is the endpoint id. */
		BROADCAST("broadcast"),

		/** {@code broadcastExcept(sender, ...)}: the target is the sender's endpoint id. */
		BROADCAST_EXCEPT("broadcast-except"),

		/** {@code publish(topic, ...)}: the target is the topic. */
		PUBLISH("publish"),

		/** {@code publishExcept(sender, topic, ...)}: the target is the topic. */
		PUBLISH_EXCEPT("publish-except"),

		/** {@code send(connectionId, ...)}: the target is the connection id. */
		SEND("send"),

		/** {@code sendToUser(principalName, ...)}: the target is the principal's name. */
		SEND_TO_USER("send-to-user");

		private final String channel;

		Kind(String channel) {
			this.channel = channel;
		}

		/**
		 * Return the name of this kind's channel, after the broker's prefix.
		 * @return the channel suffix, such as {@code publish}
		 */
		public String channel() {
			return this.channel;
		}

	}

}
