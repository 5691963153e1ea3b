package io.wsboot.server;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
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

	private MethodCallbacks(Object bean, Map<Class<? extends Annotation>, Invoker> invokers) {
		this.bean = bean;
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
						invokers.put(annotation, Invoker.of(method, annotation, described));
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
		return new MethodCallbacks(bean, invokers);
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
		reply(connection, invoke(this.text, connection, text));
	}

	@Override
	public void onBinary(ServerConnection connection, ByteBuffer data) throws Exception {
		reply(connection, invoke(this.binary, connection, data));
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

	private static void reply(ServerConnection connection, @Nullable Object result) {
		if (result instanceof String text) {
			connection.send(text);
		}
		else if (result instanceof byte[] bytes) {
			connection.send(bytes);
		}
		else if (result instanceof ByteBuffer buffer) {
			connection.send(buffer);
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

		static Invoker of(Method method, Class<? extends Annotation> annotation, String bean) {
			String where = "Method " + describe(method) + " of " + bean + ", annotated @"
					+ annotation.getSimpleName() + ",";
			checkReturnType(method, annotation, where);
			Parameter[] parameters = method.getParameters();
			Argument[] resolvers = new Argument[parameters.length];
			List<String> pathParams = new ArrayList<>();
			Set<String> eventTaken = new LinkedHashSet<>();
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

		private static void checkReturnType(Method method, Class<? extends Annotation> annotation, String where) {
			Class<?> returnType = method.getReturnType();
			boolean message = annotation == OnTextMessage.class || annotation == OnBinaryMessage.class;
			if (returnType == void.class) {
				return;
			}
			if (message && (returnType == String.class || returnType == byte[].class
					|| ByteBuffer.class.isAssignableFrom(returnType))) {
				return;
			}
			throw new WsConfigurationException(where + " returns " + returnType.getSimpleName() + ".",
					message ? "Return void, String, byte[] or ByteBuffer." : "Return void.");
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
