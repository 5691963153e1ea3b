package io.wsboot.server;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.wsboot.HandshakeRequest;
import io.wsboot.MessageCodec;
import io.wsboot.MessageDecodeException;
import io.wsboot.MessageValidationException;
import io.wsboot.OnBinaryMessage;
import io.wsboot.OnClose;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnPong;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.socket.CloseStatus;

/**
 * Callbacks of a plain {@link io.wsboot.WsEndpoint} bean: its annotated methods, with
 * their parameters resolved once, at startup, where any mistake fails the start with a
 * message naming the method.
 */
final class MethodCallbacks implements EndpointCallbacks {

	private static final List<Class<? extends Annotation>> CALLBACKS = List.of(OnOpen.class, OnTextMessage.class,
			OnBinaryMessage.class, OnPong.class, OnClose.class, OnError.class);

	private final Object bean;

	private final @Nullable Invoker open;

	private final @Nullable Invoker text;

	private final @Nullable Invoker binary;

	private final @Nullable Invoker pong;

	private final @Nullable Invoker close;

	private final @Nullable Invoker error;

	private final @Nullable MessageCodec codec;

	private MethodCallbacks(Object bean, Map<Class<? extends Annotation>, Invoker> invokers,
			@Nullable MessageCodec codec) {
		this.bean = bean;
		this.codec = codec;
		this.open = invokers.get(OnOpen.class);
		this.text = invokers.get(OnTextMessage.class);
		this.binary = invokers.get(OnBinaryMessage.class);
		this.pong = invokers.get(OnPong.class);
		this.close = invokers.get(OnClose.class);
		this.error = invokers.get(OnError.class);
	}

	/**
	 * Inspect a bean's callback methods.
	 * @param bean the bean
	 * @param beanName its name, for error messages
	 * @return its callbacks
	 * @throws WsConfigurationException when a method cannot be used, or there is none
	 */
	static MethodCallbacks of(Object bean, String beanName) {
		return of(bean, beanName, null, null);
	}

	/**
	 * Inspect a bean's callback methods.
	 * @param bean the bean
	 * @param beanName its name, for error messages
	 * @param codec the codec of its typed messages, {@code null} for none
	 * @param validator the validator of its {@code @Valid} parameters, {@code null} for
	 * none
	 * @return its callbacks
	 * @throws IllegalStateException when a method cannot be used, or there is none
	 */
	static MethodCallbacks of(Object bean, String beanName, @Nullable MessageCodec codec,
			@Nullable Validator validator) {
		Class<?> type = AopUtils.getTargetClass(bean);
		// a bean that ws.endpoints.<id>.handler names need not be a @WsEndpoint one
		String described = (AnnotatedElementUtils.hasAnnotation(type, io.wsboot.WsEndpoint.class) ? "@WsEndpoint bean '"
				: "bean '") + beanName + "'";
		Map<Class<? extends Annotation>, Invoker> invokers = new java.util.LinkedHashMap<>();
		ReflectionUtils.doWithMethods(type, (method) -> {
			for (Class<? extends Annotation> annotation : CALLBACKS) {
				if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
					Invoker existing = invokers.get(annotation);
					// a method of the same name on a superclass is the one the first overrides;
					// two methods of one class never override each other
					if (existing != null && (existing.method().getDeclaringClass() == method.getDeclaringClass()
							|| !existing.method().getName().equals(method.getName()))) {
						throw new WsConfigurationException(capitalize(described) + " has two @"
								+ annotation.getSimpleName() + " methods: " + describe(existing.method()) + " and "
								+ describe(method) + ".", "Keep @" + annotation.getSimpleName() + " on one of them.");
					}
					if (existing == null) {
						invokers.put(annotation, Invoker.of(method, annotation, described, codec, validator));
					}
				}
			}
		}, ReflectionUtils.USER_DECLARED_METHODS);
		if (invokers.isEmpty()) {
			throw new WsConfigurationException(capitalize(described) + " (" + type.getName()
					+ ") is neither a WebSocketHandler nor has a method annotated with any of "
					+ CALLBACKS.stream().map((a) -> "@" + a.getSimpleName()).collect(Collectors.joining(", ")) + ".",
					"Annotate a method of " + type.getSimpleName() + " with @OnTextMessage or another callback "
							+ "annotation, or make it a WebSocketHandler.");
		}
		return new MethodCallbacks(bean, invokers, codec);
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * Return the names of the path variables the callbacks ask for, with the method
	 * that asks.
	 */
	Map<String, Method> pathParams() {
		Map<String, Method> names = new java.util.LinkedHashMap<>();
		for (Invoker invoker : Arrays.asList(this.open, this.text, this.binary, this.pong, this.close, this.error)) {
			if (invoker != null) {
				for (String name : invoker.pathParams()) {
					names.putIfAbsent(name, invoker.method());
				}
			}
		}
		return names;
	}

	@Override
	public void onOpen(ServerConnection connection) throws Exception {
		invoke(this.open, connection, null);
	}

	@Override
	public void onText(ServerConnection connection, String text) throws Exception {
		if (this.text == null) {
			unsupported(connection, "Text");
			return;
		}
		Object result;
		try {
			result = invoke(this.text, connection, text);
		}
		catch (MessageDecodeException | MessageValidationException ex) {
			rejected(connection, ex);
			return;
		}
		reply(connection, result);
	}

	/**
	 * Hand a message that did not decode, or failed validation, to the error callback
	 * when it takes it; close the connection otherwise, with 1007 (invalid payload data)
	 * or 1008 (policy violation) and a reason naming what was expected.
	 */
	private void rejected(ServerConnection connection, RuntimeException ex) throws Exception {
		if (handlesErrors(ex)) {
			invoke(this.error, connection, ex);
			return;
		}
		String reason;
		int code;
		if (ex instanceof MessageDecodeException decode) {
			code = 1007;
			reason = "Expected " + simpleName(decode.getExpectedType());
		}
		else {
			code = 1008;
			reason = ex.getMessage();
		}
		connection.close(code, truncate(reason));
	}

	private static String simpleName(Type type) {
		return (type instanceof Class<?> clazz) ? clazz.getSimpleName() : type.getTypeName();
	}

	private static String truncate(@Nullable String reason) {
		if (reason == null) {
			return "";
		}
		// a close reason holds at most 123 bytes of UTF-8
		while (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
			reason = reason.substring(0, reason.length() - 1);
		}
		return reason;
	}

	@Override
	public void onBinary(ServerConnection connection, ByteBuffer data) throws Exception {
		if (this.binary == null) {
			unsupported(connection, "Binary");
			return;
		}
		reply(connection, invoke(this.binary, connection, data));
	}

	/**
	 * Close a connection that sent a kind of message its endpoint has no method for:
	 * 1003 (unsupported data), as RFC 6455 section 7.4.1 says, rather than drop it.
	 */
	private static void unsupported(ServerConnection connection, String kind) {
		connection.close(1003, kind + " messages are not accepted");
	}

	@Override
	public void onPong(ServerConnection connection, ByteBuffer payload) throws Exception {
		invoke(this.pong, connection, payload);
	}

	@Override
	public void onClose(ServerConnection connection, CloseStatus status) throws Exception {
		invoke(this.close, connection, status);
	}

	@Override
	public void onError(ServerConnection connection, Throwable error) throws Exception {
		if (handlesErrors(error)) {
			invoke(this.error, connection, error);
		}
	}

	@Override
	public boolean handlesErrors(Throwable error) {
		return this.error != null && this.error.accepts(error);
	}

	private @Nullable Object invoke(@Nullable Invoker invoker, ServerConnection connection, @Nullable Object event)
			throws Exception {
		if (invoker == null) {
			return null;
		}
		try {
			return invoker.method().invoke(this.bean, invoker.arguments(connection, event));
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error err) {
				throw err;
			}
			throw ex;
		}
	}

	private void reply(ServerConnection connection, @Nullable Object result) {
		if (result instanceof String text) {
			connection.send(text);
		}
		else if (result instanceof byte[] bytes) {
			connection.send(bytes);
		}
		else if (result instanceof ByteBuffer buffer) {
			connection.send(buffer);
		}
		else if (result != null && this.codec != null) {
			connection.send(this.codec.encode(result));
		}
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * Resolves one parameter from the connection and the event being dispatched.
	 */
	@FunctionalInterface
	private interface Argument {

		@Nullable Object resolve(ServerConnection connection, @Nullable Object event);

	}

	private record Invoker(Method method, Argument[] resolvers, List<String> pathParams) {

		/**
		 * Return whether an error callback declares a parameter the error fits, or none.
		 */
		boolean accepts(Throwable error) {
			for (Class<?> type : this.method.getParameterTypes()) {
				if (Throwable.class.isAssignableFrom(type)) {
					return type.isInstance(error);
				}
			}
			return true;
		}

		@Nullable Object[] arguments(ServerConnection connection, @Nullable Object event) {
			@Nullable Object[] args = new Object[this.resolvers.length];
			for (int i = 0; i < args.length; i++) {
				args[i] = this.resolvers[i].resolve(connection, event);
			}
			return args;
		}

		static Invoker of(Method method, Class<? extends Annotation> annotation, String bean,
				@Nullable MessageCodec codec, @Nullable Validator validator) {
			String where = "Method " + describe(method) + " of " + bean + ", annotated @"
					+ annotation.getSimpleName() + ",";
			checkReturnType(method, annotation, where, codec);
			Parameter[] parameters = method.getParameters();
			Argument[] resolvers = new Argument[parameters.length];
			List<String> pathParams = new ArrayList<>();
			Set<String> eventTaken = new LinkedHashSet<>();
			// a String parameter takes the text as it is: no other is decoded beside it
			boolean typed = annotation == OnTextMessage.class && Arrays.stream(parameters)
				.noneMatch((parameter) -> parameter.getType() == String.class
						&& parameter.getAnnotation(PathParam.class) == null);
			for (int i = 0; i < parameters.length; i++) {
				Parameter parameter = parameters[i];
				Class<?> type = parameter.getType();
				PathParam pathParam = parameter.getAnnotation(PathParam.class);
				if (pathParam != null) {
					if (type != String.class) {
						throw new WsConfigurationException(where + " declares @PathParam(\"" + pathParam.value()
								+ "\") on a parameter of type " + type.getSimpleName() + ".",
								"Declare the parameter as a String.");
					}
					String name = pathParam.value();
					pathParams.add(name);
					resolvers[i] = (connection, event) -> connection.pathParams().get(name);
					continue;
				}
				Argument common = commonArgument(type);
				if (common != null) {
					resolvers[i] = common;
					continue;
				}
				Argument eventArgument = eventArgument(annotation, type);
				if (eventArgument == null && typed) {
					if (codec == null) {
						throw new WsConfigurationException(where + " has parameter " + i + " of type "
								+ type.getName() + ", which needs a MessageCodec to decode the text.",
								"Add Jackson (spring-boot-starter-jackson) or name a codec bean in @WsEndpoint(codec).");
					}
					eventArgument = typedArgument(codec, parameter.getParameterizedType(),
							isValidated(parameter) ? validator : null);
				}
				if (eventArgument == null) {
					throw new WsConfigurationException(where + " has parameter " + i + " of unsupported type "
							+ type.getName() + ".", "Use only parameters of these types: " + supported(annotation)
									+ ".");
				}
				if (!eventTaken.add(type.getName())) {
					throw new WsConfigurationException(where + " declares more than one parameter of type "
							+ type.getSimpleName() + ".", "Keep one of them.");
				}
				resolvers[i] = eventArgument;
			}
			if ((annotation == OnTextMessage.class || annotation == OnBinaryMessage.class) && eventTaken.isEmpty()) {
				throw new WsConfigurationException(where + " has no parameter for the message.", "Add one of type "
						+ ((annotation == OnTextMessage.class) ? "String." : "byte[] or ByteBuffer."));
			}
			ReflectionUtils.makeAccessible(method);
			return new Invoker(method, resolvers, List.copyOf(pathParams));
		}

		private static void checkReturnType(Method method, Class<? extends Annotation> annotation, String where,
				@Nullable MessageCodec codec) {
			Class<?> returnType = method.getReturnType();
			boolean message = annotation == OnTextMessage.class || annotation == OnBinaryMessage.class;
			if (returnType == void.class) {
				return;
			}
			if (message && (returnType == String.class || returnType == byte[].class
					|| ByteBuffer.class.isAssignableFrom(returnType))) {
				return;
			}
			if (message && codec != null) {
				// encoded by the codec into a text message
				return;
			}
			if (message) {
				throw new WsConfigurationException(where + " returns " + returnType.getSimpleName()
						+ ", which needs a MessageCodec to encode.", "Add Jackson (spring-boot-starter-jackson), "
								+ "name a codec bean in @WsEndpoint(codec), or return void, String, byte[] or ByteBuffer.");
			}
			throw new WsConfigurationException(where + " returns " + returnType.getSimpleName() + ".", "Return void.");
		}

		private static @Nullable Argument commonArgument(Class<?> type) {
			if (type == WsConnection.class) {
				return (connection, event) -> connection;
			}
			if (type == HandshakeRequest.class) {
				return (connection, event) -> connection.handshake();
			}
			if (type == Principal.class) {
				return (connection, event) -> connection.handshake().principal();
			}
			return null;
		}

		private static @Nullable Argument eventArgument(Class<? extends Annotation> annotation, Class<?> type) {
			if (annotation == OnTextMessage.class && type == String.class) {
				return (connection, event) -> event;
			}
			if (annotation == OnBinaryMessage.class || annotation == OnPong.class) {
				if (type == byte[].class) {
					return (connection, event) -> toBytes((ByteBuffer) event);
				}
				if (type == ByteBuffer.class) {
					return (connection, event) -> event;
				}
			}
			if (annotation == OnClose.class) {
				if (type == int.class || type == Integer.class) {
					return (connection, event) -> ((CloseStatus) event).getCode();
				}
				if (type == String.class) {
					return (connection, event) -> {
						String reason = ((CloseStatus) event).getReason();
						return (reason != null) ? reason : "";
					};
				}
				if (type == CloseStatus.class) {
					return (connection, event) -> event;
				}
			}
			if (annotation == OnError.class && Throwable.class.isAssignableFrom(type)) {
				return (connection, event) -> type.isInstance(event) ? event : null;
			}
			return null;
		}

		private static Argument typedArgument(MessageCodec codec, Type type, @Nullable Validator validator) {
			return (connection, event) -> {
				Object value;
				try {
					value = codec.decode((String) event, type);
				}
				catch (MessageDecodeException ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					throw new MessageDecodeException(type, ex);
				}
				if (value == null) {
					throw new MessageDecodeException(type, null);
				}
				if (validator != null) {
					Errors errors = validator.validateObject(value);
					if (errors.hasErrors()) {
						throw new MessageValidationException(value, errors.getAllErrors()
							.stream()
							.map((error) -> (error instanceof FieldError field)
									? field.getField() + ": " + field.getDefaultMessage() : error.getDefaultMessage())
							.toList());
					}
				}
				return value;
			};
		}

		private static boolean isValidated(Parameter parameter) {
			for (Annotation annotation : parameter.getAnnotations()) {
				if (annotation.annotationType().getName().equals("jakarta.validation.Valid")
						|| annotation.annotationType() == Validated.class) {
					return true;
				}
			}
			return false;
		}

		private static String supported(Class<? extends Annotation> annotation) {
			String common = "WsConnection, HandshakeRequest, Principal, @PathParam String";
			if (annotation == OnTextMessage.class) {
				return common + ", String (the message)";
			}
			if (annotation == OnBinaryMessage.class) {
				return common + ", byte[] or ByteBuffer (the message)";
			}
			if (annotation == OnPong.class) {
				return common + ", byte[] or ByteBuffer (the payload)";
			}
			if (annotation == OnClose.class) {
				return common + ", int (the code), String (the reason), CloseStatus";
			}
			if (annotation == OnError.class) {
				return common + ", Throwable";
			}
			return common;
		}

		private static byte[] toBytes(ByteBuffer buffer) {
			if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
					&& buffer.remaining() == buffer.array().length) {
				return buffer.array();
			}
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}

	}

}
