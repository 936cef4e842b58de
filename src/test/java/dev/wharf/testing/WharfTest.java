package dev.wharf.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that talks to a real Wharf: {@link WharfExtension} starts one server for the class
 * (on a port it binds itself, with a fresh data directory and a {@link MutableClock}), stops it
 * after the last test, and hands out what tests ask for as parameters of their {@code @BeforeAll},
 * {@code @BeforeEach} and {@code @Test} methods: {@link TestServer}, {@link MutableClock}, root
 * {@code EcrClient}, {@code IamClient} and {@code StsClient} (closed at the end of the method or
 * class that asked), {@link OciClient}, {@link Skopeo}.
 * <pre>
 *   &#64;WharfTest(env = "WHARF_LIMITS_MAX_LAYER_PARTS=3")
 *   class LayerOperationsTest {
 *       &#64;Test void aPartOverTheLimitIsRefused(EcrClient ecr) { ... }
 *   }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(WharfExtension.class)
public @interface WharfTest {
    /** Extra settings of the class's server, each {@code WHARF_NAME=value}. */
    String[] env() default {};
}
