package dev.tarjama;

public final class App {
    public static void main(String[] args) {
        System.out.println("tarjama");
    }
}
