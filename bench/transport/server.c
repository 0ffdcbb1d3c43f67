/* A tiny keep-alive HTTP/1.1 server for the transport bench: every GET gets the same small
 * JSON body. One thread per connection; requests must not have bodies.
 *   cc -O2 -pthread -o server server.c && ./server 8089        (prints the port, then serves) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char body[] = "{\"data\":{\"id\":42,\"status\":10,\"status_humanized\":\"Running\"}}";
static char response[512];
static size_t response_len;

static void *serve(void *arg) {
  int fd = (int)(long)arg;
  char buf[65536];
  size_t used = 0;
  for (;;) {
    ssize_t n = read(fd, buf + used, sizeof buf - used);
    if (n <= 0) break;
    used += (size_t)n;
    char *start = buf;
    char *end;
    while ((end = memmem(start, used - (size_t)(start - buf), "\r\n\r\n", 4)) != NULL) {
      if (write(fd, response, response_len) != (ssize_t)response_len) goto done;
      start = end + 4;
    }
    used -= (size_t)(start - buf);
    memmove(buf, start, used);
    if (used == sizeof buf) break;
  }
done:
  close(fd);
  return NULL;
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  response_len = (size_t)snprintf(response, sizeof response,
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
      strlen(body), body);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 128) != 0) {
    perror("bind/listen");
    return 1;
  }
  socklen_t len = sizeof addr;
  getsockname(s, (struct sockaddr *)&addr, &len);
  printf("%d\n", ntohs(addr.sin_port));
  fflush(stdout);
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c < 0) continue;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    pthread_t t;
    pthread_create(&t, NULL, serve, (void *)(long)c);
    pthread_detach(t);
  }
}
