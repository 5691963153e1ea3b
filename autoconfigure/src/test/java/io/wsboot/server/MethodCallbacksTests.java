package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import io.wsboot.OnBinaryMessage;
import io.wsboot.OnClose;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnPong;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsConnection;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link MethodCallbacks}: which callback signatures are accepted at startup,
 * the errors naming the method for the others, and how accepted ones are invoked.
 */
class MethodCallbacksTests {

	private final RecordingTransport writer = new RecordingTransport();

	private final ServerConnection connection = TestConnections.connection("c1", "rooms", "/rooms/42",
			Map.of("room", "42"), TestConnections.settings(), this.writer, TestConnections.NOT_TOLD);

	// Accepted signatures

	@Test
	void acceptsEveryCallbackWithItsSupportedParameters() {
		MethodCallbacks callbacks = MethodCallbacks.of(new EveryParameter(), "every");
		assertThat(callbacks.handlesErrors(new java.io.IOException())).isTrue();
		assertThat(callbacks.handlesErrors(new IllegalStateException())).isFalse();
		assertThat(callbacks.pathParams()).containsOnlyKeys("room");
	}

	@Test
	void acceptsCallbacksWithoutParameters() {
		MethodCallbacks callbacks = MethodCallbacks.of(new NoParameters(), "none");
		assertThat(callbacks.handlesErrors(new IllegalStateException())).isTrue();
		assertThat(callbacks.pathParams()).isEmpty();
	}

	@Test
	void acceptsABinaryCallbackTakingAByteBufferAndClosingTakingABoxedCode() {
		assertThat(MethodCallbacks.of(new ByteBufferAndBoxed(), "buffers").handlesErrors(new IllegalStateException()))
			.isFalse();
	}

	@Test
	void sendsAStringReturnedByTheTextCallbackToTheSender() throws Exception {
		MethodCallbacks.of(new ReturnsString(), "bean").onText(this.connection, "hi");
		assertThat(this.writer.events()).containsExactly("text echo hi");
	}

	@Test
	void sendsBytesReturnedByTheTextCallbackToTheSender() throws Exception {
		MethodCallbacks.of(new ReturnsBytes(), "bean").onText(this.connection, "hi");
		assertThat(this.writer.binaries()).singleElement().isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void sendsAByteBufferReturnedByTheBinaryCallbackToTheSender() throws Exception {
		MethodCallbacks.of(new ReturnsByteBuffer(), "bean")
			.onBinary(this.connection, ByteBuffer.wrap(new byte[] { 1, 2 }));
		assertThat(this.writer.binaries()).singleElement().isEqualTo(new byte[] { 2, 1 });
	}

	@Test
	void sendsNothingForAVoidOrNullResult() throws Exception {
		MethodCallbacks.of(new NoParameters(), "bean").onText(this.connection, "hi");
		MethodCallbacks.of(new ReturnsString(), "bean").onText(this.connection, "silence");
		assertThat(this.writer.events()).isEmpty();
	}

	@Test
	void passesTheConnectionThePathParametersAndTheCloseStatus() throws Exception {
		EveryParameter bean = new EveryParameter();
		MethodCallbacks callbacks = MethodCallbacks.of(bean, "every");
		callbacks.onOpen(this.connection);
		callbacks.onText(this.connection, "hello");
		callbacks.onBinary(this.connection, ByteBuffer.wrap(new byte[] { 7 }));
		callbacks.onPong(this.connection, ByteBuffer.wrap(new byte[] { 8, 9 }));
		callbacks.onClose(this.connection, new CloseStatus(4000, "bye"));
		callbacks.onError(this.connection, new IOException("boom"));
		assertThat(bean.calls).containsExactly("open c1 /rooms/42 room=42 principal=null", "text hello room=42",
				"binary 1", "pong 2", "close 4000 bye 4000", "error boom c1");
	}

	@Test
	void rethrowsWhatTheCallbackThrows() {
		MethodCallbacks callbacks = MethodCallbacks.of(new Throwing(), "throwing");
		assertThatIOException().isThrownBy(() -> callbacks.onText(this.connection, "hi"))
			.withMessage("thrown by the callback");
	}

	// Rejected signatures

	@Test
	void rejectsABeanWithoutCallbacksNamingTheBean() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new Object(), "nothing"))
			.withMessageContaining("Bean 'nothing'")
			.withMessageContaining("@OnTextMessage");
	}

	@Test
	void rejectsATextCallbackWithAnUnsupportedParameterNamingTheMethod() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new UnsupportedParameter(), "bad"))
			.withMessageContaining("UnsupportedParameter.onText(String, Integer)")
			.withMessageContaining("of bean 'bad'")
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void rejectsATextCallbackWithoutAParameterForTheMessage() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new TextWithoutMessage(), "bad"))
			.withMessageContaining("TextWithoutMessage.onText(WsConnection)")
			.withMessageContaining("no parameter for the message");
	}

	@Test
	void rejectsABinaryCallbackTakingAString() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new BinaryTakingString(), "bad"))
			.withMessageContaining("BinaryTakingString.onBinary(String)")
			.withMessageContaining("unsupported type java.lang.String");
	}

	@Test
	void rejectsTwoParametersForTheMessage() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new TwoMessages(), "bad"))
			.withMessageContaining("TwoMessages.onText(String, String)")
			.withMessageContaining("more than one parameter of type String");
	}

	@Test
	void rejectsAMessageCallbackWithAnUnsupportedReturnType() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new ReturnsInt(), "bad"))
			.withMessageContaining("ReturnsInt.onText(String)")
			.withMessageContaining("returns int");
	}

	@Test
	void rejectsAnOpenCallbackThatReturnsSomething() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new OpenReturnsString(), "bad"))
			.withMessageContaining("OpenReturnsString.onOpen()")
			.withMessageContaining("Return void.");
	}

	@Test
	void rejectsAPathParamThatIsNotAString() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new IntPathParam(), "bad"))
			.withMessageContaining("IntPathParam.onOpen(int)")
			.withMessageContaining("@PathParam(\"room\")");
	}

	@Test
	void rejectsACloseCallbackWithAnUnsupportedParameter() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new CloseTakingLong(), "bad"))
			.withMessageContaining("CloseTakingLong.onClose(long)");
	}

	@Test
	void rejectsAnErrorCallbackTakingSomethingElseThanAThrowable() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new ErrorTakingString(), "bad"))
			.withMessageContaining("ErrorTakingString.onError(String)");
	}

	@Test
	void rejectsTwoMethodsWithTheSameCallbackAnnotationNamingBoth() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new TwoTextCallbacks(), "twice"))
			.withMessageContaining("Bean 'twice' has two @OnTextMessage methods")
			.withMessageContaining("TwoTextCallbacks.first(String)")
			.withMessageContaining("TwoTextCallbacks.second(String)");
	}

	@Test
	void rejectsTwoOverloadedMethodsWithTheSameCallbackAnnotationNamingBoth() {
		assertThatIllegalStateException().isThrownBy(() -> MethodCallbacks.of(new OverloadedTextCallbacks(), "twice"))
			.withMessageContaining("Bean 'twice' has two @OnTextMessage methods")
			.withMessageContaining("OverloadedTextCallbacks.onText(String)")
			.withMessageContaining("OverloadedTextCallbacks.onText(String, WsConnection)");
	}

	@Test
	void takesAnOverridingCallbackOnceAndCallsTheOverride() throws Exception {
		MethodCallbacks.of(new OverridingEndpoint(), "child").onText(this.connection, "hi");
		assertThat(this.writer.events()).containsExactly("text child hi");
	}

	// Endpoint classes

	static class EveryParameter {

		final List<String> calls = new ArrayList<>();

		@OnOpen
		void onOpen(WsConnection connection, HandshakeRequest handshake, Principal principal,
				@PathParam("room") String room) {
			this.calls.add("open " + connection.id() + " " + handshake.uri().getPath() + " room=" + room
					+ " principal=" + principal);
		}

		@OnTextMessage
		String onText(@PathParam("room") String room, String text) {
			this.calls.add("text " + text + " room=" + room);
			return null;
		}

		@OnBinaryMessage
		byte[] onBinary(byte[] data, WsConnection connection) {
			this.calls.add("binary " + data.length);
			return null;
		}

		@OnPong
		void onPong(ByteBuffer payload) {
			this.calls.add("pong " + payload.remaining());
		}

		@OnClose
		void onClose(int code, String reason, CloseStatus status, WsConnection connection) {
			this.calls.add("close " + code + " " + reason + " " + status.getCode());
		}

		@OnError
		void onError(IOException error, WsConnection connection) {
			this.calls.add("error " + error.getMessage() + " " + connection.id());
		}

	}

	static class NoParameters {

		@OnOpen
		void onOpen() {
		}

		@OnTextMessage
		void onText(String text) {
		}

		@OnBinaryMessage
		void onBinary(byte[] data) {
		}

		@OnPong
		void onPong() {
		}

		@OnClose
		void onClose() {
		}

		@OnError
		void onError() {
		}

	}

	static class ByteBufferAndBoxed {

		@OnBinaryMessage
		ByteBuffer onBinary(ByteBuffer data) {
			return data;
		}

		@OnPong
		void onPong(byte[] payload) {
		}

		@OnClose
		void onClose(Integer code) {
		}

	}

	static class ReturnsString {

		@OnTextMessage
		String onText(String text) {
			return "silence".equals(text) ? null : "echo " + text;
		}

	}

	static class ReturnsBytes {

		@OnTextMessage
		byte[] onText(String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}

	}

	static class ReturnsByteBuffer {

		@OnBinaryMessage
		ByteBuffer onBinary(byte[] data) {
			return ByteBuffer.wrap(new byte[] { data[1], data[0] });
		}

	}

	static class Throwing {

		@OnTextMessage
		void onText(String text) throws IOException {
			throw new IOException("thrown by the callback");
		}

	}

	static class UnsupportedParameter {

		@OnTextMessage
		void onText(String text, Integer count) {
		}

	}

	static class TextWithoutMessage {

		@OnTextMessage
		void onText(WsConnection connection) {
		}

	}

	static class BinaryTakingString {

		@OnBinaryMessage
		void onBinary(String data) {
		}

	}

	static class TwoMessages {

		@OnTextMessage
		void onText(String one, String two) {
		}

	}

	static class ReturnsInt {

		@OnTextMessage
		int onText(String text) {
			return 0;
		}

	}

	static class OpenReturnsString {

		@OnOpen
		String onOpen() {
			return "";
		}

	}

	static class IntPathParam {

		@OnOpen
		void onOpen(@PathParam("room") int room) {
		}

	}

	static class CloseTakingLong {

		@OnClose
		void onClose(long code) {
		}

	}

	static class ErrorTakingString {

		@OnError
		void onError(String error) {
		}

	}

	static class TwoTextCallbacks {

		@OnTextMessage
		void first(String text) {
		}

		@OnTextMessage
		void second(String text) {
		}

	}

	static class OverloadedTextCallbacks {

		@OnTextMessage
		void onText(String text) {
		}

		@OnTextMessage
		void onText(String text, WsConnection connection) {
		}

	}

	static class ParentEndpoint {

		@OnTextMessage
		String onText(String text) {
			return "parent " + text;
		}

	}

	static class OverridingEndpoint extends ParentEndpoint {

		@Override
		@OnTextMessage
		String onText(String text) {
			return "child " + text;
		}

	}

}
